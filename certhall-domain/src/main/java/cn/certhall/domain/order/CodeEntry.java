package cn.certhall.domain.order;

import cn.certhall.domain.verification.CodeCheck;

/** What entering an order's authorization code (证书授权码) did: the step taken, or why not. */
public sealed interface CodeEntry {
  /** The code was right and spent, and the order moved on. */
  record Entered(Order order) implements CodeEntry {}

  /** The code was not accepted (wrong, expired, locked, none): the order stays where it was. */
  record Refused(CodeCheck check) implements CodeEntry {}
}
