package cn.certhall.domain.order;

import cn.certhall.domain.identity.IdType;
import java.util.Objects;

/**
 * The application form (申请表) of a unit certificate order (SPEC 3.1 step 1 to 3). Renewal, change
 * and revocation carry the same form for now, pre-filled from the certificate.
 *
 * <p>Presence and length are checked here; the formats of the credit code, ID numbers, mobiles and
 * card numbers are checked where the form is taken in. {@link #toString()} and those of the parts
 * leave the personal data out, so an order can be logged.
 */
public record UnitApplication(
    String organizationName,
    String creditCode,
    LegalRepresentative legalRepresentative,
    Handler handler,
    Administrator administrator,
    EnterpriseVerificationDetails enterpriseVerification,
    AdministratorVerificationDetails administratorVerification) {

  public UnitApplication {
    organizationName =
        Fields.required(organizationName, "organization name", Fields.ORGANIZATION_NAME);
    creditCode = Fields.idNumber(creditCode, "credit code");
    Objects.requireNonNull(legalRepresentative, "legal representative");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(administrator, "administrator");
    Objects.requireNonNull(enterpriseVerification, "enterprise verification");
    Objects.requireNonNull(administratorVerification, "administrator verification");
  }

  /** 法定代表人. */
  public record LegalRepresentative(String name, String idNumber) {
    public LegalRepresentative {
      name = Fields.required(name, "legal representative name", Fields.NAME);
      idNumber = Fields.idNumber(idNumber, "legal representative ID number");
    }

    @Override
    public String toString() {
      return "LegalRepresentative[personal data withheld]";
    }
  }

  /** 经办人: fills in and submits the order; SMS codes and results go to this mobile and email. */
  public record Handler(String name, IdType idType, String idNumber, String mobile, String email) {
    public Handler {
      name = Fields.required(name, "handler name", Fields.NAME);
      idType = personal(idType, "handler ID type");
      idNumber = Fields.idNumber(idNumber, "handler ID number");
      mobile = Fields.required(mobile, "handler mobile", Fields.MOBILE);
      email = Fields.required(email, "handler email", Fields.EMAIL);
    }

    @Override
    public String toString() {
      return "Handler[" + idType + ", personal data withheld]";
    }
  }

  /** 证书及印章管理员: holds the seal; registers in the seal app with this mobile. */
  public record Administrator(String name, IdType idType, String idNumber, String mobile) {
    public Administrator {
      name = Fields.required(name, "administrator name", Fields.NAME);
      idType = personal(idType, "administrator ID type");
      idNumber = Fields.idNumber(idNumber, "administrator ID number");
      mobile = Fields.required(mobile, "administrator mobile", Fields.MOBILE);
    }

    @Override
    public String toString() {
      return "Administrator[" + idType + ", personal data withheld]";
    }
  }

  private static IdType personal(IdType type, String field) {
    Objects.requireNonNull(type, field);
    if (!type.isPersonal()) {
      throw new IllegalArgumentException(field + " must be a personal document, not " + type);
    }
    return type;
  }

  @Override
  public String toString() {
    return "UnitApplication["
        + organizationName
        + ", "
        + creditCode
        + ", "
        + enterpriseVerification
        + ", "
        + administratorVerification
        + ", personal data withheld]";
  }
}
