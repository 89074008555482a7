package cn.certhall.app;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.order.UnitApplication.Administrator;
import cn.certhall.domain.order.UnitApplication.Handler;
import cn.certhall.domain.order.UnitApplication.LegalRepresentative;
import java.util.List;

/** Application forms for the order tests. */
public final class OrderApplications {
  public static final String CREDIT_CODE = "91350100M000100Y43";
  public static final String OTHER_CREDIT_CODE = "91110000100000000X";

  private OrderApplications() {}

  /**
   * A new-unit order whose applicant entered the authorization code and then went back to the form
   * (返回修改): in APPLICATION_FILLED, yet it passed verification, so 我的订单 trusts its handler (issue
   * 14: an order that never passed decides nothing).
   */
  public static Order startVerified(OrderService orders, UnitApplication application) {
    Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", application);
    for (OrderStatus to :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.APPLICATION_FILLED)) {
      order = orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    return order;
  }

  /** Corporate transfer and the administrator's bank card: every optional column is set. */
  public static UnitApplication transfer(String creditCode) {
    return new UnitApplication(
        "福州测试科技有限公司",
        creditCode,
        new LegalRepresentative("张法人", "11010519491231002X"),
        new Handler(
            "李经办", IdType.RESIDENT_ID_CARD, "110101199003071234", "13800138001", "jb@example.cn"),
        new Administrator("王管理", IdType.PASSPORT, "E12345678", "13900139002"),
        EnterpriseVerificationDetails.corporateTransfer(
            "福州测试科技有限公司", "35001234567890", "其他：福州农商银行"),
        AdministratorVerificationDetails.bankCard("6222600260001072444", "13700137003"));
  }

  /** The legal representative's bank card and the administrator's mobile. */
  public static UnitApplication bankCard(String creditCode) {
    return new UnitApplication(
        "北京测试有限责任公司",
        creditCode,
        new LegalRepresentative("赵法人", "110105194912310029"),
        new Handler(
            "钱经办", IdType.TAIWAN_RESIDENT_PERMIT, "T1234567", "13600136004", "qian@example.cn"),
        new Administrator("孙管理", IdType.RESIDENT_ID_CARD, "11010519491231002X", "13500135005"),
        EnterpriseVerificationDetails.legalRepBankCard("6222020200112233445", "13400134006"),
        AdministratorVerificationDetails.mobile());
  }
}
