package cn.certhall.domain.sealing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the seal app's accounts (信手书), keyed by the administrator's mobile, and the issued orders
 * that name that mobile as 证书及印章管理员.
 */
public interface SealAdministrators {

  /**
   * An issued order's organization certificate naming the mobile as its administrator.
   *
   * @param administratorName and {@code administratorIdNumber}: as on the application, to compare
   *     with what the administrator types (never shown back)
   * @param caName the CA that issued the organization's certificate: it issues the personal one
   */
  record Appointment(
      String organizationName,
      String administratorName,
      String administratorIdNumber,
      String caName) {
    @Override
    public String toString() {
      return "Appointment[" + organizationName + "]";
    }
  }

  /**
   * A registered account; the personal certificate is null before 下载个人证书 and after its revocation.
   */
  record Account(boolean pinSet, String personalCaName, BigInteger personalSerial) {
    public boolean hasPersonalCertificate() {
      return personalSerial != null;
    }
  }

  /** The appointments of this mobile, the most recently issued first. */
  List<Appointment> appointments(String mobile);

  Optional<Account> account(String mobile);

  /** Registers the mobile once; a second sign-in finds it there. */
  void register(String mobile, Instant now);

  /** Records the identity and face check just passed. */
  void identityChecked(String mobile, Instant now);

  /** Records the personal certificate issued after the identity check. */
  void personalCertificate(String mobile, PersonalCertificates.Issued issued);

  /** Forgets the personal certificate after its revocation, and the seal PIN with it. */
  void personalCertificateRevoked(String mobile);
}
