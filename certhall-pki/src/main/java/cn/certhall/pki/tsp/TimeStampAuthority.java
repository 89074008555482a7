package cn.certhall.pki.tsp;

import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyOperationException;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.CollectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA's RFC 3161 time-stamp authority, built on Bouncy Castle's {@link TimeStampTokenGenerator}
 * and {@link TimeStampResponseGenerator}. Tokens are signed through the key store (the key never
 * leaves it), carry an ESSCertIDv2 of the TSA certificate (SHA-256, SM3 for SM2), the configured
 * policy, a random 127-bit serial number, whole-second genTime from the clock with an accuracy of
 * one second, and no ordering claim.
 *
 * <p>{@link #respond} never throws: a request it cannot parse gets rejection/badDataFormat, a hash
 * algorithm it does not accept (SHA-1, MD5: collisions make a token over them worthless)
 * rejection/badAlg, a policy other than its own rejection/unacceptedPolicy, a failure inside
 * rejection/systemFailure.
 */
public final class TimeStampAuthority implements TimeStampSource {
  private static final Logger log = LoggerFactory.getLogger(TimeStampAuthority.class);

  /** Larger than any honest request (a digest, a policy, a nonce, a few extensions). */
  public static final int MAX_REQUEST_BYTES = 4096;

  /** Hash algorithms accepted in requests, with their digest lengths. */
  static final Map<ASN1ObjectIdentifier, Integer> ACCEPTED_HASHES =
      Map.of(
          NISTObjectIdentifiers.id_sha256, 32,
          NISTObjectIdentifiers.id_sha384, 48,
          NISTObjectIdentifiers.id_sha512, 64,
          GMObjectIdentifiers.sm3, 32);

  public static final int ACCURACY_SECONDS = 1;

  private final TsaSigner signer;
  private final ASN1ObjectIdentifier policy;
  private final Clock clock;
  private final SerialNumberGenerator serials;
  private final CollectionStore<X509CertificateHolder> certificates;
  private final AlgorithmIdentifier certIdDigest;
  private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();

  public TimeStampAuthority(
      TsaSigner signer, String policyOid, Clock clock, SerialNumberGenerator serials) {
    this.signer = signer;
    try {
      this.policy = new ASN1ObjectIdentifier(policyOid);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("TSA policy is not an OID: " + policyOid);
    }
    this.clock = clock;
    this.serials = serials;
    List<X509CertificateHolder> certs = new ArrayList<>();
    certs.add(signer.certificate());
    certs.addAll(signer.chain());
    this.certificates = new CollectionStore<>(certs);
    this.certIdDigest =
        new AlgorithmIdentifier(
            signer.keys().algorithm(signer.keyAlias()).family() == AlgorithmFamily.SM2
                ? GMObjectIdentifiers.sm3
                : NISTObjectIdentifiers.id_sha256);
  }

  public TimeStampAuthority(TsaSigner signer, String policyOid) {
    this(signer, policyOid, Clock.systemUTC(), new SerialNumberGenerator());
  }

  /** The DER TimeStampResp (RFC 3161 2.4.2) for a DER TimeStampReq; never throws. */
  public byte[] respond(byte[] requestDer) {
    try {
      TimeStampRequest request;
      try {
        if (requestDer == null || requestDer.length > MAX_REQUEST_BYTES) {
          throw new IOException("missing or too large");
        }
        request = new TimeStampRequest(requestDer);
      } catch (IOException | RuntimeException e) {
        return failure(PKIFailureInfo.badDataFormat, "request is not a DER TimeStampReq");
      }
      TimeStampResponse response = generator().generate(request, serials.next(), now());
      if (response.getStatus() == PKIStatus.GRANTED) {
        log.debug(
            "time-stamp {} granted",
            response.getTimeStampToken().getTimeStampInfo().getSerialNumber());
      } else {
        log.info("time-stamp request refused: {}", response.getStatusString());
      }
      return response.getEncoded();
    } catch (TSPException | IOException | RuntimeException e) {
      log.warn("time-stamp request failed inside the TSA", e);
      try {
        return failure(PKIFailureInfo.systemFailure, "internal error");
      } catch (IOException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  @Override
  public TimeStampToken timestamp(ASN1ObjectIdentifier hashAlgorithm, byte[] digest) {
    Integer length = ACCEPTED_HASHES.get(hashAlgorithm);
    if (length == null) {
      throw new InvalidRequestException("hash algorithm not accepted by the TSA: " + hashAlgorithm);
    }
    if (digest == null || digest.length != length) {
      throw new InvalidRequestException("digest length does not match " + hashAlgorithm);
    }
    TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
    requests.setCertReq(true);
    TimeStampRequest request = requests.generate(hashAlgorithm, digest, serials.next());
    try {
      return generator()
          .generateGrantedResponse(request, serials.next(), now())
          .getTimeStampToken();
    } catch (TSPException e) {
      throw new KeyOperationException("TSA could not sign a time-stamp token", e);
    }
  }

  public ASN1ObjectIdentifier policy() {
    return policy;
  }

  public TsaSigner signer() {
    return signer;
  }

  /** A generator per token: the key store's signers are for one signature each. */
  private TimeStampResponseGenerator generator() throws TSPException {
    try {
      DigestCalculator certId = digests.get(certIdDigest);
      SignerInfoGenerator signerInfo =
          new SignerInfoGeneratorBuilder(digests)
              .build(signer.keys().signer(signer.keyAlias()), signer.certificate());
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo, certId, policy);
      tokens.setAccuracySeconds(ACCURACY_SECONDS);
      tokens.setOrdering(false);
      tokens.setTSA(new GeneralName(signer.certificate().getSubject()));
      tokens.addCertificates(certificates);
      return new TimeStampResponseGenerator(
          tokens, ACCEPTED_HASHES.keySet(), Set.of(policy.getId()));
    } catch (OperatorCreationException e) {
      throw new TSPException("cannot set up the token signer", e);
    }
  }

  private Date now() {
    return new Date(clock.millis() / 1000 * 1000);
  }

  private static byte[] failure(int failInfo, String text) throws IOException {
    return new TimeStampResp(
            new PKIStatusInfo(
                PKIStatus.rejection, new PKIFreeText(text), new PKIFailureInfo(failInfo)),
            null)
        .getEncoded(ASN1Encoding.DER);
  }
}
