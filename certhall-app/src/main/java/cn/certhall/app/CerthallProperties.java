package cn.certhall.app;

import cn.certhall.pki.AlgorithmFamily;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything certhall reads from configuration (application.yml, environment, command line).
 * Secrets (key store passphrase, PKCS#11 PIN) are meant to come from the environment:
 * CERTHALL_KEYSTORE_PASSPHRASE and CERTHALL_KEYSTORE_PKCS11_PIN.
 */
@ConfigurationProperties("certhall")
public record CerthallProperties(
    URI publicUrl,
    Path dataDir,
    Ca ca,
    KeyStore keystore,
    Revocation revocation,
    Demo demo,
    Mode mode) {

  /**
   * How the system runs ({@code certhall.mode}, {@code CERTHALL_MODE}). {@code demo}, the default,
   * is the README's run: sandbox, demo accounts and generated secrets are allowed. {@code
   * production} refuses to start with any of them or with H2 ({@code
   * cn.certhall.app.production.ProductionReadiness}), turns the OpenAPI document and Swagger UI off
   * and checks outbound webhook addresses.
   */
  public enum Mode {
    DEMO,
    PRODUCTION
  }

  /** Whether {@code certhall.mode=production}: the switch for every production-only control. */
  public boolean production() {
    return mode == Mode.PRODUCTION;
  }

  /**
   * The CA hierarchies to run.
   *
   * @param organization the O of every CA's subject
   * @param policyOid the certificate policy written into issued certificates
   * @param hierarchies one root and one issuing CA per family listed
   */
  public record Ca(
      String organization,
      String policyOid,
      List<AlgorithmFamily> hierarchies,
      Duration rootValidity,
      Duration issuingValidity) {}

  /**
   * CRL and OCSP timing.
   *
   * @param crlValidity nextUpdate − thisUpdate of each CRL
   * @param crlRepublishBefore a CRL is issued anew when its nextUpdate is this close
   * @param crlLease how long a node may take to sign and store a CRL before another node may take
   *     over the CA's publication (the number it took is not reused)
   * @param ocspValidity nextUpdate − thisUpdate of each OCSP response
   * @param ocspCacheSize the most pre-signed OCSP responses about issued certificates kept
   * @param ocspUnknownCacheSize the most "unknown" OCSP responses (serials never issued) kept
   * @param ocspUnknownSignaturesPerSecond fresh "unknown" responses signed per second at most; past
   *     that, requests for serials never issued get tryLater
   * @param ocspSignerValidity validity of a delegated OCSP signer certificate
   * @param ocspSignerRenewBefore a new OCSP signer is made at start when the current one has less
   * @param ocspRequestTimeout the longest a POST to /ocsp may take to deliver its body
   * @param ocspInvalidationPoll how often every node reads the revocations recorded since the last
   *     it saw and drops their cached OCSP responses (the fallback when a notice is missed)
   * @param ocspInvalidationWindow how far before the newest revocation seen the poll reads again,
   *     for revocations whose transaction committed late
   * @param ocspListen whether nodes on PostgreSQL LISTEN for revocation notices (off where LISTEN
   *     does not work, e.g. behind a pooler in transaction mode; the poll then does it alone)
   * @param ocspListenRetry how soon a dropped LISTEN connection is opened again
   */
  public record Revocation(
      Duration crlValidity,
      Duration crlRepublishBefore,
      Duration crlLease,
      Duration ocspValidity,
      long ocspCacheSize,
      long ocspUnknownCacheSize,
      double ocspUnknownSignaturesPerSecond,
      Duration ocspSignerValidity,
      Duration ocspSignerRenewBefore,
      Duration ocspRequestTimeout,
      Duration ocspInvalidationPoll,
      Duration ocspInvalidationWindow,
      boolean ocspListen,
      Duration ocspListenRetry) {}

  /**
   * Where CA keys live.
   *
   * @param type {@code software} (encrypted PKCS#12 files) or {@code pkcs11} (HSM)
   * @param storage where a software store keeps its files: {@code database} (the default: table
   *     {@code software_key}, which every node reads) or {@code directory}
   * @param directory the files' directory with {@code directory}; with {@code database}, the keys
   *     an older version left there are copied into an empty database at start
   */
  public record KeyStore(
      String type, String storage, Path directory, String passphrase, Pkcs11 pkcs11) {
    @Override
    public String toString() {
      return "KeyStore[type="
          + type
          + ", storage="
          + storage
          + ", directory="
          + directory
          + ", pkcs11="
          + pkcs11
          + "]";
    }
  }

  public record Pkcs11(String name, Path library, int slotListIndex, String pin) {
    @Override
    public String toString() {
      return "Pkcs11[name=" + name + ", library=" + library + ", slot=" + slotListIndex + "]";
    }
  }

  /**
   * The demonstration set-up of the default run: a reviewer and a CA administrator account, printed
   * at start-up, and secrets generated into the data directory. Off in production, which also
   * refuses a database where either account still has its demo password.
   */
  public record Demo(
      boolean enabled,
      String reviewerUsername,
      String reviewerPassword,
      String adminUsername,
      String adminPassword) {
    @Override
    public String toString() {
      return "Demo[enabled="
          + enabled
          + ", reviewer="
          + reviewerUsername
          + ", admin="
          + adminUsername
          + "]";
    }
  }
}
