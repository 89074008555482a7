package cn.certhall.app.portal;

import cn.certhall.app.lifecycle.LifecycleFixtures;
import java.util.LinkedHashMap;
import java.util.Map;

/** The 单位证书新办 form (/apply/form) as a browser posts it, for the tests that walk the portal. */
public final class ApplicationForms {
  private ApplicationForms() {}

  /** The legal representative's resident ID on every such form: one that passes the sandbox. */
  public static final String LEGAL_REP_ID = LifecycleFixtures.residentId("11010519491231002");

  /**
   * The handler is also the seal administrator, verified by mobile (three factors); the
   * organization by the legal representative's mobile, which receives the authorization code.
   */
  public static Map<String, String> byLegalRepMobile(
      String organizationName,
      String creditCode,
      String legalRepName,
      String legalRepMobile,
      String handlerName,
      String handlerIdNumber,
      String handlerMobile,
      String handlerEmail) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("organizationName", organizationName);
    f.put("creditCode", creditCode);
    f.put("legalRepName", legalRepName);
    f.put("legalRepIdNumber", LEGAL_REP_ID);
    f.put("handlerName", handlerName);
    f.put("handlerIdType", "RESIDENT_ID_CARD");
    f.put("handlerIdNumber", handlerIdNumber);
    f.put("handlerMobile", handlerMobile);
    f.put("handlerEmail", handlerEmail);
    f.put("adminName", handlerName);
    f.put("adminIdType", "RESIDENT_ID_CARD");
    f.put("adminIdNumber", handlerIdNumber);
    f.put("adminMobile", handlerMobile);
    f.put("enterpriseMethod", "LEGAL_REP_MOBILE");
    f.put("legalRepMobile", legalRepMobile);
    f.put("adminMethod", "MOBILE");
    return f;
  }
}
