package cn.certhall.domain.signature;

import java.util.List;
import java.util.Optional;

/** The confirmed application forms of orders: only added, never changed. */
public interface SignedForms {

  /** Adds a version; a second insert of the same (order, version) fails. */
  void insert(SignedForm form);

  /** The order's newest form, if it was ever signed. */
  Optional<SignedForm> latest(String orderId);

  /** Every version of the order's form, oldest first. */
  List<SignedForm> all(String orderId);
}
