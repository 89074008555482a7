package cn.certhall.pki.ocsp;

import static cn.certhall.pki.ocsp.OcspResponderTest.SHA1;
import static cn.certhall.pki.ocsp.OcspResponderTest.SHA256;
import static cn.certhall.pki.ocsp.OcspResponderTest.SM3;
import static cn.certhall.pki.ocsp.OcspResponderTest.VALIDITY;
import static cn.certhall.pki.ocsp.OcspResponderTest.certId;
import static cn.certhall.pki.ocsp.OcspResponderTest.request;
import static cn.certhall.pki.ocsp.OcspResponderTest.single;
import static cn.certhall.pki.ocsp.OcspResponderTest.verified;
import static cn.certhall.pki.ocsp.OcspResponderTest.wrappedNonce;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.ocsp.OcspResponderTest.Ca;
import cn.certhall.pki.ocsp.OcspResponderTest.MutableClock;
import cn.certhall.pki.ocsp.OcspResponderTest.StatusSource;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The responder's fast path ({@link OcspResponder#respondFromCache}, which reads RFC 5019 requests
 * straight from their DER) against the full parse ({@link OcspResponder#respondParsed}): the same
 * answer for every input, and anything but the plain shape left to the full parse. Also the defence
 * against made-up serials (the "unknown" cache and its signature budget).
 */
class OcspFastPathTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static final Map<KeyAlgorithm, Ca> cas = new EnumMap<>(KeyAlgorithm.class);

  @BeforeAll
  static void openStore() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "test-passphrase".toCharArray(), true);
  }

  @AfterAll
  static void closeStore() {
    keys.close();
  }

  static synchronized Ca ca(KeyAlgorithm algorithm) {
    return cas.computeIfAbsent(algorithm, a -> OcspResponderTest.newCa(keys, a));
  }

  static OcspResponder responder(
      StatusSource source,
      MutableClock clock,
      OcspResponder.UnknownSerials unknown,
      KeyAlgorithm a) {
    Ca ca = ca(a);
    source.issued(ca);
    return new OcspResponder(List.of(ca.signer()), source, VALIDITY, 1000, unknown, clock);
  }

  /** What an answer says, signature aside (ECDSA and SM2 signatures differ on every signing). */
  static String meaning(OcspResponse r) throws Exception {
    OCSPResp parsed = new OCSPResp(r.der());
    if (parsed.getStatus() != 0) {
      return "error " + parsed.getStatus();
    }
    BasicOCSPResp basic = (BasicOCSPResp) parsed.getResponseObject();
    return HexFormat.of().formatHex(basic.getTBSResponseData());
  }

  @Test
  void thePlainRequestIsTakenFromTheCacheAndGetsTheAnswerOfTheFullParse() throws Exception {
    for (KeyAlgorithm a : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.SM2)) {
      Ca ca = ca(a);
      StatusSource source = new StatusSource();
      MutableClock clock = new MutableClock(TestHierarchy.NOW);
      OcspResponder responder = responder(source, clock, OcspResponder.UnknownSerials.DEFAULT, a);
      AlgorithmIdentifier sha1NoParams = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1);
      List<BigInteger> serials =
          List.of(
              ca.good().serial(),
              ca.keyCompromise().serial(),
              ca.unspecified().serial(),
              ca.good().serial().add(BigInteger.ONE), // never issued
              BigInteger.ZERO, // cannot be one of ours
              BigInteger.valueOf(0x80), // a leading zero octet in DER, minimal all the same
              BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), // the longest of ours
              BigInteger.ONE.shiftLeft(159)); // 21 octets: cannot be ours
      for (AlgorithmIdentifier hash : List.of(SHA1, sha1NoParams, SHA256, SM3)) {
        for (BigInteger serial : serials) {
          String as = a + " " + hash.getAlgorithm() + " " + hash.getParameters() + " " + serial;
          CertificateID id = certId(hash, ca.issuer(), serial);
          byte[] der = request(id);
          // the full parse first, so the cache holds its answer; the fast path must find that
          // very answer (equal bytes: one signed response), asking the database nothing more
          OcspResponse parsed = responder.respondParsed(der);
          int lookups = source.lookups.get();
          OcspResponse fast = responder.respondFromCache(der);
          assertThat(fast).as(as).isNotNull();
          assertThat(fast.der()).as(as).isEqualTo(parsed.der());
          assertThat(responder.respond(der).der()).as(as).isEqualTo(parsed.der());
          assertThat(source.lookups.get()).as(as).isEqualTo(lookups);

          CertificateStatus status = single(verified(fast, ca), id).getCertStatus();
          if (serial.equals(ca.good().serial())) {
            assertThat(status).as(as).isEqualTo(CertificateStatus.GOOD);
          } else if (serial.equals(ca.keyCompromise().serial())
              || serial.equals(ca.unspecified().serial())) {
            assertThat(status).as(as).isInstanceOf(RevokedStatus.class);
          } else {
            assertThat(status).as(as).isInstanceOf(UnknownStatus.class);
          }
        }
      }
      // the other way round: the fast path fills the cache, the full parse finds its answer
      CertificateID fresh = certId(SHA256, ca.issuer(), ca.good().serial());
      responder.invalidate(ca.name(), ca.good().serial());
      OcspResponse fast = responder.respond(request(fresh));
      assertThat(responder.respondParsed(request(fresh)).der()).isEqualTo(fast.der());
    }
  }

  @Test
  void oddEncodingsAreLeftToTheFullParse() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    StatusSource source = new StatusSource();
    MutableClock clock = new MutableClock(TestHierarchy.NOW);
    OcspResponder responder =
        responder(source, clock, OcspResponder.UnknownSerials.DEFAULT, KeyAlgorithm.EC_P256);
    CertificateID id = certId(SHA1, ca.issuer(), ca.good().serial());
    byte[] plain = request(id);
    ASN1Sequence certId = ASN1Sequence.getInstance(id.toASN1Primitive().toASN1Primitive());

    Map<String, byte[]> odd = new LinkedHashMap<>();
    odd.put("trailing octet", concat(plain, new byte[] {0}));
    odd.put("outer length in long form", longFormOuterLength(plain));
    odd.put("indefinite outer length", indefinite(plain));
    odd.put(
        "version v1 written out",
        tbs(new DERTaggedObject(true, 0, new ASN1Integer(0)), list(req(certId))));
    odd.put(
        "requestor name",
        tbs(
            new DERTaggedObject(
                true,
                1,
                new org.bouncycastle.asn1.x509.GeneralName(
                    new org.bouncycastle.asn1.x500.X500Name("CN=requestor"))),
            list(req(certId))));
    odd.put("two requests", tbs(list(req(certId), req(certId))));
    odd.put(
        "single request extension",
        tbs(
            list(
                new DERSequence(
                    new org.bouncycastle.asn1.ASN1Encodable[] {
                      certId, new DERTaggedObject(true, 0, extensions())
                    }))));
    odd.put("nonce", request(wrappedNonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), id));
    odd.put("serial with a needless leading zero", withSerialContent(certId, new byte[] {0, 0x05}));
    odd.put("negative serial", withSerialContent(certId, new byte[] {(byte) 0xff}));
    odd.put("empty serial", withSerialContent(certId, new byte[0]));
    odd.put(
        "hash with odd parameters",
        tbs(
            list(
                req(
                    new DERSequence(
                        new org.bouncycastle.asn1.ASN1Encodable[] {
                          new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, new ASN1Integer(5)),
                          certId.getObjectAt(1),
                          certId.getObjectAt(2),
                          certId.getObjectAt(3)
                        })))));
    odd.put(
        "unknown CA",
        tbs(
            list(
                req(
                    new DERSequence(
                        new org.bouncycastle.asn1.ASN1Encodable[] {
                          certId.getObjectAt(0),
                          new DEROctetString(new byte[20]),
                          certId.getObjectAt(2),
                          certId.getObjectAt(3)
                        })))));
    odd.put(
        "signature present",
        new DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  ASN1Sequence.getInstance(plain).getObjectAt(0),
                  new DERTaggedObject(
                      true,
                      0,
                      new DERSequence(
                          new org.bouncycastle.asn1.ASN1Encodable[] {
                            new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE),
                            new org.bouncycastle.asn1.DERBitString(new byte[8])
                          }))
                })
            .getEncoded());
    for (int cut = 0; cut < plain.length; cut++) {
      odd.put("cut at " + cut, Arrays.copyOf(plain, cut));
    }

    for (Map.Entry<String, byte[]> e : odd.entrySet()) {
      String as = e.getKey() + " " + HexFormat.of().formatHex(e.getValue());
      assertThat(responder.respondFromCache(e.getValue())).as(as).isNull();
      assertThat(meaning(responder.respond(e.getValue())))
          .as(as)
          .isEqualTo(meaning(responder.respondParsed(e.getValue())));
    }
    // and the full parse does answer some of them as the plain request, so the check above is not
    // only comparing error responses
    assertThat(meaning(responder.respond(odd.get("version v1 written out"))))
        .isEqualTo(meaning(responder.respond(plain)));
    assertThat(meaning(responder.respond(odd.get("trailing octet")))).isEqualTo("error 1");
    assertThat(meaning(responder.respond(odd.get("unknown CA")))).isEqualTo("error 6");
  }

  /**
   * Valid requests with bits flipped and octets changed: whatever the bytes, respond (fast path
   * first) and the full parse say the same, with the clock standing still so that equal answers
   * have equal content.
   */
  @Test
  void mutatedRequestsGetTheSameAnswerEitherWay() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    StatusSource source = new StatusSource();
    MutableClock clock = new MutableClock(TestHierarchy.NOW);
    OcspResponder responder =
        responder(
            source, clock, new OcspResponder.UnknownSerials(100_000, 1e9), KeyAlgorithm.EC_P256);
    List<byte[]> valid = new ArrayList<>();
    for (AlgorithmIdentifier hash : List.of(SHA1, SHA256)) {
      for (BigInteger serial :
          List.of(ca.good().serial(), ca.keyCompromise().serial(), BigInteger.valueOf(200))) {
        valid.add(request(certId(hash, ca.issuer(), serial)));
      }
    }
    Random random = new Random(20_261_127L);
    int fastTaken = 0;
    for (int i = 0; i < 1500; i++) {
      byte[] bytes = valid.get(random.nextInt(valid.size())).clone();
      if (i % 3 == 0) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      } else {
        for (int flips = 1 + random.nextInt(2); flips > 0; flips--) {
          int bit = random.nextInt(bytes.length * 8);
          bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      String as = "mutation " + i + " " + HexFormat.of().formatHex(bytes);
      if (responder.respondFromCache(bytes) != null) {
        fastTaken++;
      }
      assertThat(meaning(responder.respond(bytes)))
          .as(as)
          .isEqualTo(meaning(responder.respondParsed(bytes)));
    }
    // mutations of the serial keep the plain shape: some of them went the fast way
    assertThat(fastTaken).isGreaterThan(50);
  }

  /**
   * Made-up serials cannot push the answers about issued certificates out of the cache, are held in
   * a small cache of their own, and beyond a budget of signatures a second get tryLater, while
   * issued certificates are answered as ever.
   */
  @Test
  void madeUpSerialsNeitherPolluteTheCacheNorCostUnboundedSignatures() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    StatusSource source = new StatusSource();
    MutableClock clock = new MutableClock(TestHierarchy.NOW);
    OcspResponder responder =
        responder(source, clock, new OcspResponder.UnknownSerials(5, 20), KeyAlgorithm.EC_P256);
    byte[] good = request(certId(SHA1, ca.issuer(), ca.good().serial()));
    byte[] revoked = request(certId(SHA1, ca.issuer(), ca.keyCompromise().serial()));
    OcspResponse goodAnswer = responder.respond(good);
    OcspResponse revokedAnswer = responder.respond(revoked);
    assertThat(responder.cachedResponses()).isEqualTo(2);

    Random random = new Random(5);
    int signedUnknown = 0;
    int tryLater = 0;
    for (int i = 0; i < 60; i++) {
      CertificateID id = certId(SHA1, ca.issuer(), new BigInteger(126, random));
      OcspResponse r = responder.respond(request(id));
      if (r.status() == OcspResponder.TRY_LATER) {
        assertThat(r.der()).isEqualTo(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x03});
        tryLater++;
      } else {
        assertThat(single(verified(r, ca), id).getCertStatus()).isInstanceOf(UnknownStatus.class);
        signedUnknown++;
      }
    }
    // a second's worth of signatures, then tryLater for the rest of that second
    assertThat(signedUnknown).isEqualTo(20);
    assertThat(tryLater).isEqualTo(40);
    assertThat(responder.cachedResponses()).isEqualTo(2);
    assertThat(responder.cachedUnknownResponses()).isLessThanOrEqualTo(5);
    // the issued certificates keep their cached answers, and are never refused
    assertThat(responder.respond(good).der()).isEqualTo(goodAnswer.der());
    assertThat(responder.respond(revoked).der()).isEqualTo(revokedAnswer.der());
    assertThat(source.lookups.get()).isEqualTo(2 + 60);

    // a repeated made-up serial is answered from the small cache, without a signature from the
    // budget; the budget comes back with time
    CertificateID repeated = certId(SHA1, ca.issuer(), BigInteger.valueOf(424242));
    assertThat(responder.respond(request(repeated)).status()).isEqualTo(OcspResponder.TRY_LATER);
    clock.advance(Duration.ofMillis(100)); // two signatures' worth
    OcspResponse first = responder.respond(request(repeated));
    assertThat(single(verified(first, ca), repeated).getCertStatus())
        .isInstanceOf(UnknownStatus.class);
    for (int i = 0; i < 5; i++) {
      assertThat(responder.respond(request(repeated)).der()).isEqualTo(first.der());
    }
    // a serial that cannot be one of ours (longer than the generator makes) costs no lookup
    int lookups = source.lookups.get();
    CertificateID tooLong = certId(SHA1, ca.issuer(), BigInteger.ONE.shiftLeft(130));
    assertThat(single(verified(responder.respond(request(tooLong)), ca), tooLong).getCertStatus())
        .isInstanceOf(UnknownStatus.class);
    assertThat(source.lookups.get()).isEqualTo(lookups);
    // the budget is spent again
    assertThat(
            responder.respond(request(certId(SHA1, ca.issuer(), BigInteger.valueOf(99)))).status())
        .isEqualTo(OcspResponder.TRY_LATER);

    // a certificate issued after its serial was answered unknown: invalidate drops that answer too
    source.good(ca.name(), BigInteger.valueOf(424242));
    responder.invalidate(ca.name(), BigInteger.valueOf(424242));
    assertThat(single(verified(responder.respond(request(repeated)), ca), repeated).getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);
  }

  // --- building odd requests ---

  static DERSequence list(org.bouncycastle.asn1.ASN1Encodable... requests) {
    return new DERSequence(requests);
  }

  static DERSequence req(org.bouncycastle.asn1.ASN1Encodable certId) {
    return new DERSequence(certId);
  }

  static byte[] tbs(org.bouncycastle.asn1.ASN1Encodable... fields) throws Exception {
    return new DERSequence(new DERSequence(fields)).getEncoded();
  }

  static Extensions extensions() {
    return new Extensions(
        new Extension(
            Extension.reasonCode, false, new DEROctetString(new byte[] {0x0a, 0x01, 0x01})));
  }

  static byte[] withSerialContent(ASN1Sequence certId, byte[] content) throws Exception {
    ASN1EncodableVector v = new ASN1EncodableVector();
    for (int i = 0; i < 3; i++) {
      v.add(certId.getObjectAt(i));
    }
    byte[] prefix = new DERSequence(v).getEncoded();
    // CertID = the three fields, then INTEGER with the content as given (no re-encoding)
    byte[] fields = Arrays.copyOfRange(prefix, headerLength(prefix), prefix.length);
    byte[] integer = concat(new byte[] {0x02, (byte) content.length}, content);
    byte[] cid = wrap(0x30, concat(fields, integer));
    return wrap(0x30, wrap(0x30, wrap(0x30, wrap(0x30, cid))));
  }

  static int headerLength(byte[] der) {
    int l = der[1] & 0xff;
    return l < 0x80 ? 2 : 2 + (l & 0x7f);
  }

  static byte[] wrap(int tag, byte[] content) {
    byte[] header =
        content.length < 0x80
            ? new byte[] {(byte) tag, (byte) content.length}
            : new byte[] {(byte) tag, (byte) 0x81, (byte) content.length};
    return concat(header, content);
  }

  static byte[] longFormOuterLength(byte[] der) {
    // 30 LL ... -> 30 81 LL ... (allowed in BER, not in DER)
    return concat(new byte[] {0x30, (byte) 0x81, der[1]}, Arrays.copyOfRange(der, 2, der.length));
  }

  static byte[] indefinite(byte[] der) {
    return concat(
        concat(new byte[] {0x30, (byte) 0x80}, Arrays.copyOfRange(der, 2, der.length)),
        new byte[] {0, 0});
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
