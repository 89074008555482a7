package cn.certhall.domain.review;

import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import java.util.List;
import java.util.Optional;

/**
 * Why a reviewer rejects (驳回原因): the list the console offers, each with the words the handler reads
 * in the SMS, the email and the order's history. The reviewer adds free text.
 */
public enum RejectionReason {
  UNCLEAR_PHOTO("上传的照片不清晰"),
  LETTER_NOT_STAMPED("授权委托书未加盖单位公章或法定代表人未签字"),
  NAME_MISMATCH("单位名称与营业执照不一致"),
  CREDIT_CODE_MISMATCH("统一社会信用代码与营业执照不一致"),
  ID_MISMATCH("经办人身份证件与填写的信息不一致"),
  LICENSE_INVALID("营业执照无效或已过期"),
  SEAL_FORM_INVALID("印章采集表不符合要求"),
  MATERIALS_INCOMPLETE("资料不全"),
  OTHER("其他");

  private final String label;

  RejectionReason(String label) {
    this.label = label;
  }

  /** The reason in the handler's words (Chinese). */
  public String label() {
    return label;
  }

  /**
   * The history note of a rejection for {@code reason} with the reviewer's {@code text} (empty for
   * none; required for {@link #OTHER}): {@code history.review.rejected.<REASON>}, and {@code .text}
   * with the text as its argument.
   */
  static HistoryNote note(RejectionReason reason, String text) {
    HistoryNote note = HistoryNote.of("history.review.rejected." + reason.name());
    return text.isEmpty() ? note : HistoryNote.of(note.key() + ".text", text);
  }

  /**
   * What the handler reads about a rejected order: the note {@link ReviewService#reject} put on the
   * move to {@code REJECTED} (the reason's words and the reviewer's text). Empty unless the order
   * is rejected now.
   */
  public static Optional<HistoryNote> noteOf(Order order) {
    if (order.status() != OrderStatus.REJECTED) {
      return Optional.empty();
    }
    List<StatusChange> history = order.history();
    return Optional.ofNullable(history.get(history.size() - 1).note());
  }
}
