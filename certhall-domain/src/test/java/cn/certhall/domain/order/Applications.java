package cn.certhall.domain.order;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.UnitApplication.Administrator;
import cn.certhall.domain.order.UnitApplication.Handler;
import cn.certhall.domain.order.UnitApplication.LegalRepresentative;

/** Application forms for tests; every personal value is distinct, so a leak can be searched for. */
final class Applications {
  static final String CREDIT_CODE = "91350100M000100Y43";

  private Applications() {}

  static UnitApplication sample() {
    return sample(CREDIT_CODE);
  }

  static UnitApplication sample(String creditCode) {
    return new UnitApplication(
        "福州测试科技有限公司",
        creditCode,
        new LegalRepresentative("张法人", "11010519491231002X"),
        new Handler(
            "李经办",
            IdType.RESIDENT_ID_CARD,
            "110101199003071234",
            "13800138001",
            "handler@example.cn"),
        new Administrator("王管理", IdType.PASSPORT, "E12345678", "13900139002"),
        EnterpriseVerificationDetails.corporateTransfer(
            "福州测试科技有限公司", "6222020200112233445", "中国工商银行"),
        AdministratorVerificationDetails.bankCard("6222600260001072444", "13700137003"));
  }

  /** The personal values of {@link #sample()}. */
  static String[] personalValues() {
    return new String[] {
      "张法人", "11010519491231002X", "李经办", "110101199003071234", "13800138001", "handler@example.cn",
      "王管理", "E12345678", "13900139002", "6222020200112233445", "6222600260001072444", "13700137003"
    };
  }
}
