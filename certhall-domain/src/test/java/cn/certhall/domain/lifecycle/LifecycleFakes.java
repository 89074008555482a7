package cn.certhall.domain.lifecycle;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.InMemoryOrders;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.CodeStore;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.domain.verification.StoredCode;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.revocation.RevocationReason;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ports of renewal, change and revocation in memory, with a CA that keeps what it did. */
final class LifecycleFakes {
  static final String CREDIT_CODE = "91350100M000100Y43";
  static final String HANDLER_MOBILE = "13800138001";
  static final String ADMIN_MOBILE = "13900139002";

  private LifecycleFakes() {}

  static UnitApplication application(String name) {
    return new UnitApplication(
        name,
        CREDIT_CODE,
        new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
        new UnitApplication.Handler(
            "李经办",
            IdType.RESIDENT_ID_CARD,
            "110101199003071234",
            HANDLER_MOBILE,
            "handler@example.cn"),
        new UnitApplication.Administrator("王管理", IdType.PASSPORT, "E12345678", ADMIN_MOBILE),
        EnterpriseVerificationDetails.corporateTransfer(name, "6222020200112233445", "中国工商银行"),
        AdministratorVerificationDetails.mobile());
  }

  static final Transactions DIRECT =
      new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };

  /** The orders in memory (shared with the order package's tests). */
  static final class Orders extends InMemoryOrders {}

  static final class Codes implements CodeStore {
    final Map<CodeKey, StoredCode> codes = new HashMap<>();

    @Override
    public Optional<StoredCode> find(CodeKey key) {
      return Optional.ofNullable(codes.get(key));
    }

    @Override
    public boolean insert(StoredCode code) {
      return codes.putIfAbsent(code.key(), code) == null;
    }

    @Override
    public boolean replace(StoredCode current, StoredCode next) {
      if (!current.sameAs(codes.get(current.key()))) {
        return false;
      }
      codes.put(next.key(), next);
      return true;
    }

    @Override
    public boolean remove(StoredCode current) {
      if (!current.sameAs(codes.get(current.key()))) {
        return false;
      }
      codes.remove(current.key());
      return true;
    }
  }

  record Sms(String mobile, String text) {}

  static final class Phone implements SmsSender {
    private static final Pattern CODE = Pattern.compile("码为(\\d{6})");
    final List<Sms> sent = new ArrayList<>();

    @Override
    public Result send(String mobile, cn.certhall.domain.verification.SmsMessage message) {
      String text = message.text();
      sent.add(new Sms(mobile, text));
      return Result.SENT;
    }

    String lastCodeTo(String mobile) {
      for (int i = sent.size() - 1; i >= 0; i--) {
        if (sent.get(i).mobile().equals(mobile)) {
          Matcher m = CODE.matcher(sent.get(i).text());
          if (m.find()) {
            return m.group(1);
          }
        }
      }
      throw new AssertionError("no code was sent to " + mobile);
    }
  }

  /**
   * The CA, the certificate list, the order links and the requests in one: what the database and
   * the engine would hold. Signatures are SHA-256 over key alias and data.
   */
  static final class Ca implements LifecycleCa, HeldCertificates, OrderCertificates {
    final Orders orders;
    final Map<String, HeldCertificate> certificates = new LinkedHashMap<>();
    final Map<String, String> keyOfCertificate = new HashMap<>();
    final Map<String, CertificateRef> links = new HashMap<>();
    final Map<String, CertificateRef> secondLinks = new HashMap<>();
    final Requests requestStore = new Requests();
    final Map<String, LifecycleRequest> requests = requestStore.requests;
    final Set<String> keys = new HashSet<>();
    final Map<String, Integer> seals = new HashMap<>();
    final List<String> revocations = new ArrayList<>();
    RuntimeException failNextRevocation;
    private int serial = 0x100;

    Ca(Orders orders) {
      this.orders = orders;
    }

    /** A certificate the given (new-unit) order produced. */
    HeldCertificate issued(String orderId, String name, Instant notBefore, Instant notAfter) {
      String alias = "hosted-" + orderId.toLowerCase(java.util.Locale.ROOT);
      keys.add(alias);
      CertificateRef ref = issue(alias, name, CREDIT_CODE, new Validity(notBefore, notAfter));
      links.put(orderId, ref);
      return certificates.get(ref.serialHex());
    }

    @Override
    public void ensureHostedKey(String keyAlias) {
      keys.add(keyAlias);
    }

    /** The second certificate (双证书) of an order that has its first already. */
    CertificateRef issuedSecond(String orderId) {
      HeldCertificate first = certificates.get(links.get(orderId).serialHex());
      String alias = "hosted-" + orderId.toLowerCase(java.util.Locale.ROOT) + "-second";
      keys.add(alias);
      CertificateRef ref =
          issue(
              "ecdsa-issuing",
              alias,
              first.organizationName(),
              first.creditCode(),
              new Validity(first.notBefore(), first.notAfter()));
      secondLinks.put(orderId, ref);
      return ref;
    }

    @Override
    public void ensureHostedKey(String keyAlias, String caName) {
      keys.add(keyAlias);
    }

    @Override
    public CertificateRef issue(
        String caName,
        String keyAlias,
        String organizationName,
        String creditCode,
        Validity validity) {
      CertificateRef ref = issue(keyAlias, organizationName, creditCode, validity);
      HeldCertificate c = certificates.get(ref.serialHex());
      certificates.put(
          ref.serialHex(),
          new HeldCertificate(
              caName,
              c.serialHex(),
              c.organizationName(),
              c.creditCode(),
              c.notBefore(),
              c.notAfter(),
              c.issuingOrderId(),
              null,
              null,
              null));
      return new CertificateRef(caName, ref.serialHex(), ref.validity());
    }

    @Override
    public CertificateRef issue(
        String keyAlias, String organizationName, String creditCode, Validity validity) {
      if (!keys.contains(keyAlias)) {
        throw new IllegalStateException("no key " + keyAlias);
      }
      String hex = Integer.toHexString(serial++);
      String orderId =
          keyAlias
              .substring("hosted-".length())
              .replace("-second", "")
              .toUpperCase(java.util.Locale.ROOT);
      certificates.put(
          hex,
          new HeldCertificate(
              "sm2-issuing",
              hex,
              organizationName,
              creditCode,
              validity.notBefore(),
              validity.notAfter(),
              orderId,
              null,
              null,
              null));
      keyOfCertificate.put(hex, keyAlias);
      return new CertificateRef("sm2-issuing", hex, validity);
    }

    @Override
    public java.util.Optional<byte[]> sealFor(
        CertificateRef certificate, byte[] collectionForm, Replaced replaced) {
      seals.merge(certificate.serialHex(), 1, Integer::sum);
      return java.util.Optional.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Override
    public Issued certificate(String caName, String serialHex) {
      try (InputStream in =
          LifecycleFakes.class.getResourceAsStream(
              "/cn/certhall/domain/channel/organization.pem")) {
        X509Certificate c =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        return new Issued(c, List.of(c));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Instant revoke(String caName, String serialHex, RevocationReason reason) {
      if (failNextRevocation != null) {
        RuntimeException e = failNextRevocation;
        failNextRevocation = null;
        throw e;
      }
      HeldCertificate c = certificates.get(serialHex);
      if (c.isRevoked()) {
        return c.revokedAt();
      }
      Instant at = Instant.parse("2030-01-01T00:00:00Z");
      certificates.put(
          serialHex,
          new HeldCertificate(
              c.caName(),
              c.serialHex(),
              c.organizationName(),
              c.creditCode(),
              c.notBefore(),
              c.notAfter(),
              c.issuingOrderId(),
              at,
              reason,
              c.replacedByOrderId()));
      revocations.add(serialHex + ":" + reason.code());
      return at;
    }

    @Override
    public Signed sign(String keyAlias, byte[] data) {
      return new Signed("SHA256-fake", digest(keyAlias, data));
    }

    @Override
    public boolean verify(String caName, String serialHex, byte[] data, Signed signature) {
      return Arrays.equals(digest(keyOfCertificate.get(serialHex), data), signature.signature());
    }

    private static byte[] digest(String alias, byte[] data) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(alias.getBytes());
        return md.digest(data);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    // HeldCertificates: replaced when a renewal or change that names it is ISSUED
    @Override
    public List<HeldCertificate> ofOrganization(String creditCode) {
      List<HeldCertificate> list = new ArrayList<>();
      for (String hex : certificates.keySet()) {
        if (!certificates.get(hex).caName().equals("sm2-issuing")) {
          continue; // only order_certificate's are listed: a second one follows its first
        }
        find("sm2-issuing", hex)
            .filter(c -> c.creditCode().equals(creditCode))
            .ifPresent(list::add);
      }
      java.util.Collections.reverse(list);
      return list;
    }

    @Override
    public Optional<HeldCertificate> find(String caName, String serialHex) {
      HeldCertificate c = certificates.get(serialHex);
      if (c == null) {
        return Optional.empty();
      }
      String replacedBy =
          requests.values().stream()
              .filter(
                  r ->
                      r.serialHex().equals(serialHex)
                          && r.businessType() != BusinessType.REVOCATION)
              .filter(r -> orders.orders.get(r.orderId()).status() == OrderStatus.ISSUED)
              .map(LifecycleRequest::orderId)
              .findFirst()
              .orElse(null);
      return Optional.of(
          new HeldCertificate(
              c.caName(),
              c.serialHex(),
              c.organizationName(),
              c.creditCode(),
              c.notBefore(),
              c.notAfter(),
              c.issuingOrderId(),
              c.revokedAt(),
              c.revocationReason(),
              replacedBy));
    }

    // OrderCertificates
    @Override
    public void lock(String orderId) {}

    @Override
    public Optional<CertificateRef> find(String orderId) {
      return Optional.ofNullable(links.get(orderId));
    }

    @Override
    public Optional<CertificateRef> findSecond(String orderId) {
      return Optional.ofNullable(secondLinks.get(orderId));
    }

    @Override
    public void linkSecond(String orderId, CertificateRef certificate) {
      if (secondLinks.putIfAbsent(orderId, certificate) != null) {
        throw new IllegalStateException("order " + orderId + " has a second certificate already");
      }
    }

    @Override
    public void link(String orderId, CertificateRef certificate) {
      if (links.putIfAbsent(orderId, certificate) != null) {
        throw new IllegalStateException("order " + orderId + " has a certificate already");
      }
    }

    @Override
    public List<String> approvedWithoutCertificate() {
      return List.of();
    }

    final class Requests implements LifecycleRequests {
      final Map<String, LifecycleRequest> requests = new LinkedHashMap<>();

      @Override
      public void insert(LifecycleRequest request) {
        requests.put(request.orderId(), request);
      }

      @Override
      public Optional<LifecycleRequest> find(String orderId) {
        return Optional.ofNullable(requests.get(orderId));
      }

      @Override
      public void recordProof(String orderId, RevocationProof proof) {
        LifecycleRequest r = requests.get(orderId);
        requests.put(
            orderId,
            new LifecycleRequest(
                r.orderId(),
                r.businessType(),
                r.caName(),
                r.serialHex(),
                r.sourceOrderId(),
                r.revocationChoice(),
                proof));
      }

      @Override
      public List<String> unfinishedFor(String caName, String serialHex) {
        return requests.values().stream()
            .filter(
                r ->
                    r.serialHex().equals(serialHex) && !orders.orders.get(r.orderId()).isFinished())
            .map(LifecycleRequest::orderId)
            .toList();
      }

      @Override
      public List<String> approvedNotCarriedOut() {
        return requests.keySet().stream()
            .filter(id -> orders.orders.get(id).status() == OrderStatus.APPROVED)
            .toList();
      }
    }
  }
}
