package cn.certhall.documents.pades;

import cn.certhall.documents.outside.OutsidePdf;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.outside.PdfRefusedException;
import cn.certhall.documents.pades.SealingException.Reason;
import cn.certhall.pki.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks the signatures of a PDF: who signed (the signing certificate's subject), when (the claimed
 * M time, and the time-stamp's genTime when a valid B-T token is present), whether the signature
 * verifies over its byte ranges, whether the certificate chains to a trust anchor, and whether the
 * document changed after signing.
 *
 * <p>"Changed after signing" follows the incremental-update model of PDF: a signature covers the
 * file up to the end of its revision; later revisions may add signatures (and their widgets)
 * without changing the signed document, but any change to the number of pages, a page's dictionary,
 * content, resources, or its annotations other than signature widgets, counts as a change. Each
 * page and annotation is compared between the signed revision and the whole file as a canonical
 * digest of its object tree (streams decoded), so a rewrite that keeps the content is not reported,
 * and any visible change is.
 *
 * <p>Revocation status is not checked here: the caller (the verification page) asks the CA's
 * records. Thread-safe.
 */
public final class PadesVerifier {
  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  private final PdfLimits limits;

  /**
   * @param limits what a document to verify may cost (it comes from anyone)
   */
  public PadesVerifier(
      Collection<X509CertificateHolder> trustAnchors, Clock clock, PdfLimits limits) {
    Set<TrustAnchor> set = new HashSet<>();
    for (X509CertificateHolder anchor : trustAnchors) {
      set.add(new TrustAnchor(toX509(anchor), null));
    }
    this.anchors = Set.copyOf(set);
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * @throws SealingException NOT_A_PDF or ENCRYPTED if the document cannot be read at all
   * @throws PdfRefusedException if reading it would cost more than the limits allow
   */
  public PdfVerification verify(byte[] pdf) {
    if (pdf == null || pdf.length < 8) {
      throw new SealingException(Reason.NOT_A_PDF, "empty input");
    }
    try {
      return OutsidePdf.read(
          pdf,
          limits,
          document -> {
            List<Located> located = new ArrayList<>();
            for (PDSignatureField field : document.getSignatureFields()) {
              PDSignature signature = field.getSignature();
              if (signature != null) {
                located.add(new Located(field.getFullyQualifiedName(), signature));
              }
            }
            located.sort(Comparator.comparingLong(Located::end));
            List<SignatureCheck> checks = new ArrayList<>();
            for (Located l : located) {
              checks.add(check(pdf, document, l));
            }
            return new PdfVerification(checks);
          });
    } catch (InvalidPasswordException e) {
      throw new SealingException(Reason.ENCRYPTED, "the PDF needs a password", e);
    } catch (PdfRefusedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SealingException(Reason.NOT_A_PDF, "PDFBox cannot read it: " + e.getMessage(), e);
    }
  }

  private record Located(String name, PDSignature signature) {
    long end() {
      int[] r = signature.getByteRange();
      return r.length == 4 ? (long) r[2] + r[3] : Long.MAX_VALUE;
    }
  }

  private SignatureCheck check(byte[] pdf, PDDocument document, Located located) {
    PDSignature signature = located.signature();
    List<String> problems = new ArrayList<>();
    Instant claimed = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
    int[] range = signature.getByteRange();
    if (!wellFormed(pdf, range)) {
      problems.add("byte range " + Arrays.toString(range) + " does not frame the signature value");
      return new SignatureCheck(
          located.name(), null, null, claimed, null, false, false, false, false, true, problems);
    }
    long end = (long) range[2] + range[3];
    boolean whole = end == pdf.length;
    byte[] signed = new byte[range[1] + range[3]];
    System.arraycopy(pdf, range[0], signed, 0, range[1]);
    System.arraycopy(pdf, range[2], signed, range[1], range[3]);
    byte[] contents = hex(pdf, range[1] + 1, range[2] - 1);

    X509CertificateHolder certificate = null;
    boolean valid = false;
    Instant stamped = null;
    boolean stampValid = false;
    boolean trusted = false;
    try {
      CMSSignedData cms =
          new CMSSignedData(new CMSProcessableByteArray(signed), firstObject(contents));
      Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        throw new CMSException("expected one signer, found " + signers.size());
      }
      SignerInformation signer = signers.iterator().next();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
      if (matches.isEmpty()) {
        throw new CMSException("the signing certificate is not in the signature");
      }
      certificate = matches.iterator().next();
      valid =
          verifies(signer, certificate, problems)
              && namesCertificate(signer, certificate, problems);
      if (!PadesSealer.ETSI_CADES_DETACHED.equals(
          signature.getCOSObject().getCOSName(COSName.SUB_FILTER))) {
        problems.add("SubFilter is not ETSI.CAdES.detached (not a PAdES signature)");
      }
      TimeStampToken token = token(signer, problems);
      if (token != null) {
        stampValid = tokenValid(token, signer.getSignature(), problems);
        if (stampValid) {
          stamped = token.getTimeStampInfo().getGenTime().toInstant();
        }
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
      trusted = chains(certificate, all, stamped != null ? stamped : clock.instant(), problems);
    } catch (CMSException | RuntimeException e) {
      problems.add("signature is not a readable CMS SignedData: " + e.getMessage());
    }
    boolean changed = false;
    if (!whole) {
      changed = changedSince(Arrays.copyOf(pdf, (int) end), document, problems);
    }
    return new SignatureCheck(
        located.name(),
        certificate,
        certificate == null ? null : certificate.getSubject().toString(),
        claimed,
        stamped,
        valid,
        stampValid,
        trusted,
        whole,
        changed,
        problems);
  }

  /** [0, a, b, c]: from the start, a gap that is exactly the hex string {@code <...>}, to ≤ EOF. */
  private static boolean wellFormed(byte[] pdf, int[] r) {
    if (r == null || r.length != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] + 1 || r[3] < 0) {
      return false;
    }
    long end = (long) r[2] + r[3];
    if (end > pdf.length || pdf[r[1]] != '<' || pdf[r[2] - 1] != '>') {
      return false;
    }
    for (int i = r[1] + 1; i < r[2] - 1; i++) {
      if (Character.digit(pdf[i], 16) < 0) {
        return false;
      }
    }
    return (r[2] - r[1]) % 2 == 0;
  }

  /** The CMS without the zeros that pad the reserved space. */
  private static ContentInfo firstObject(byte[] contents) throws CMSException {
    try (ASN1InputStream in = new ASN1InputStream(contents)) {
      return ContentInfo.getInstance(in.readObject());
    } catch (IOException | RuntimeException e) {
      throw new CMSException("not DER: " + e.getMessage(), e);
    }
  }

  private static byte[] hex(byte[] pdf, int from, int to) {
    return HexFormat.of().parseHex(new String(pdf, from, to - from, StandardCharsets.US_ASCII));
  }

  private static boolean verifies(
      SignerInformation signer, X509CertificateHolder certificate, List<String> problems) {
    try {
      if (signer.verify(
          new JcaSimpleSignerInfoVerifierBuilder()
              .setProvider(Providers.bouncyCastle())
              .build(certificate))) {
        return true;
      }
      problems.add("the signature value does not verify with the signing certificate's key");
    } catch (CMSSignerDigestMismatchException e) {
      problems.add("digest mismatch: the signed bytes of the document were changed");
    } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
      problems.add("signature cannot be verified: " + e.getMessage());
    } catch (RuntimeException e) {
      problems.add("signature cannot be verified: " + e);
    }
    return false;
  }

  /** The signing-certificate-v2 attribute, when present, must name the signing certificate. */
  private static boolean namesCertificate(
      SignerInformation signer, X509CertificateHolder certificate, List<String> problems) {
    AttributeTable signedAttributes = signer.getSignedAttributes();
    Attribute attribute =
        signedAttributes == null
            ? null
            : signedAttributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    if (attribute == null) {
      problems.add("no signing-certificate-v2 attribute (not a PAdES baseline signature)");
      return true;
    }
    try {
      ESSCertIDv2 id =
          SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
      byte[] hash = digest(id.getHashAlgorithm(), certificate.getEncoded());
      if (MessageDigest.isEqual(hash, id.getCertHash())) {
        return true;
      }
      problems.add("signing-certificate-v2 names another certificate");
    } catch (IOException | OperatorCreationException | RuntimeException e) {
      problems.add("signing-certificate-v2 unreadable: " + e.getMessage());
    }
    return false;
  }

  private static TimeStampToken token(SignerInformation signer, List<String> problems) {
    AttributeTable unsigned = signer.getUnsignedAttributes();
    Attribute attribute =
        unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
    if (attribute == null) {
      return null;
    }
    try {
      return new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
    } catch (TSPException | IOException | RuntimeException e) {
      problems.add("signature time-stamp unreadable: " + e.getMessage());
      return null;
    }
  }

  private boolean tokenValid(TimeStampToken token, byte[] signatureValue, List<String> problems) {
    try {
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> tsa = token.getCertificates().getMatches(token.getSID());
      if (tsa.isEmpty()) {
        problems.add("the time-stamp does not carry its TSA certificate");
        return false;
      }
      X509CertificateHolder tsaCertificate = tsa.iterator().next();
      // checks the token's signature, its ESSCertID and the TSA certificate's critical
      // id-kp-timeStamping usage
      token.validate(
          new JcaSimpleSignerInfoVerifierBuilder()
              .setProvider(Providers.bouncyCastle())
              .build(tsaCertificate));
      byte[] imprint =
          digest(
              new AlgorithmIdentifier(token.getTimeStampInfo().getMessageImprintAlgOID()),
              signatureValue);
      if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
        problems.add("the time-stamp is over other data than this signature");
        return false;
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> all = token.getCertificates().getMatches(null);
      Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
      if (!chains(tsaCertificate, all, genTime, new ArrayList<>())) {
        problems.add("the TSA certificate does not chain to a trusted root");
        return false;
      }
      return true;
    } catch (TSPException
        | OperatorCreationException
        | GeneralSecurityException
        | IOException
        | RuntimeException e) {
      problems.add("the time-stamp does not verify: " + e.getMessage());
      return false;
    }
  }

  private boolean chains(
      X509CertificateHolder target,
      Collection<X509CertificateHolder> others,
      Instant at,
      List<String> problems) {
    if (anchors.isEmpty()) {
      problems.add("no trust anchors configured");
      return false;
    }
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (X509CertificateHolder h : others) {
        certs.add(toX509(h));
      }
      X509CertSelector selector = new X509CertSelector();
      selector.setCertificate(toX509(target));
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, selector);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      params.addCertStore(
          CertStore.getInstance(
              "Collection", new CollectionCertStoreParameters(certs), Providers.bouncyCastle()));
      CertPathBuilder.getInstance("PKIX", Providers.bouncyCastle()).build(params);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      problems.add("certificate does not chain to a trusted root at " + at + ": " + e.getMessage());
      return false;
    }
  }

  private static byte[] digest(AlgorithmIdentifier algorithm, byte[] data)
      throws OperatorCreationException, IOException {
    DigestCalculator calculator = new BcDigestCalculatorProvider().get(algorithm);
    calculator.getOutputStream().write(data);
    calculator.getOutputStream().close();
    return calculator.getDigest();
  }

  private static X509Certificate toX509(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(Providers.bouncyCastle())
          .getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unreadable certificate " + holder.getSubject(), e);
    }
  }

  // ---- changes after signing -------------------------------------------------------------

  private boolean changedSince(byte[] revision, PDDocument now, List<String> problems) {
    try {
      return OutsidePdf.read(revision, limits, then -> changedSince(then, now, problems));
    } catch (IOException | RuntimeException e) {
      problems.add("the signed revision cannot be read: " + e.getMessage());
      return true;
    }
  }

  private static boolean changedSince(PDDocument then, PDDocument now, List<String> problems)
      throws IOException {
    if (then.getNumberOfPages() != now.getNumberOfPages()) {
      problems.add(
          "pages changed after signing: "
              + then.getNumberOfPages()
              + " then, "
              + now.getNumberOfPages()
              + " now");
      return true;
    }
    boolean changed = false;
    for (int i = 0; i < now.getNumberOfPages(); i++) {
      PDPage a = then.getPage(i);
      PDPage b = now.getPage(i);
      if (!Arrays.equals(pageDigest(a), pageDigest(b))) {
        problems.add("page " + (i + 1) + " changed after signing");
        changed = true;
      } else if (!annotationDigests(a).equals(annotationDigests(b))) {
        problems.add("annotations on page " + (i + 1) + " changed after signing");
        changed = true;
      }
    }
    return changed;
  }

  private static byte[] pageDigest(PDPage page) throws IOException {
    Canonical c = new Canonical(Set.of(COSName.PARENT, COSName.ANNOTS));
    c.write(page.getCOSObject(), 0);
    return c.digest.digest();
  }

  private static Map<String, Integer> annotationDigests(PDPage page) throws IOException {
    Map<String, Integer> digests = new TreeMap<>();
    COSArray annots = page.getCOSObject().getCOSArray(COSName.ANNOTS);
    if (annots == null) {
      return digests;
    }
    for (int i = 0; i < annots.size(); i++) {
      COSBase base = annots.getObject(i);
      if (!(base instanceof COSDictionary annotation) || isSignatureWidget(annotation)) {
        continue;
      }
      Canonical c = new Canonical(Set.of(COSName.PARENT, COSName.P));
      c.write(annotation, 0);
      digests.merge(HexFormat.of().formatHex(c.digest.digest()), 1, Integer::sum);
    }
    return digests;
  }

  private static boolean isSignatureWidget(COSDictionary annotation) {
    if (COSName.SIG.equals(annotation.getCOSName(COSName.FT))) {
      return true;
    }
    COSDictionary parent = annotation.getCOSDictionary(COSName.PARENT);
    return parent != null && COSName.SIG.equals(parent.getCOSName(COSName.FT));
  }

  /** A digest of an object tree that ignores how it is written (object numbers, filters). */
  private static final class Canonical {
    private static final int MAX_DEPTH = 64;
    final MessageDigest digest;
    private final Set<COSName> skipped;
    private final IdentityHashMap<COSBase, Integer> seen = new IdentityHashMap<>();

    Canonical(Set<COSName> skipped) {
      this.skipped = skipped;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    void write(COSBase base, int depth) throws IOException {
      COSBase value = base instanceof COSObject o ? o.getObject() : base;
      if (depth > MAX_DEPTH) {
        throw new IOException("object tree deeper than " + MAX_DEPTH);
      }
      if (value == null) {
        put("n");
        return;
      }
      if (value instanceof COSDictionary || value instanceof COSArray) {
        Integer earlier = seen.get(value);
        if (earlier != null) {
          put("@" + earlier);
          return;
        }
        seen.put(value, seen.size());
      }
      if (value instanceof COSStream stream) {
        dictionary(stream, depth, Set.of(COSName.LENGTH, COSName.FILTER, COSName.DECODE_PARMS));
        put("stream");
        try (InputStream in = stream.createInputStream()) {
          in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
      } else if (value instanceof COSDictionary dict) {
        dictionary(dict, depth, Set.of());
      } else if (value instanceof COSArray array) {
        put("[");
        for (int i = 0; i < array.size(); i++) {
          write(array.get(i), depth + 1);
        }
        put("]");
      } else if (value instanceof COSString s) {
        put("(");
        digest.update(s.getBytes());
        put(")");
      } else {
        put(value.getClass().getSimpleName() + ":" + value);
      }
    }

    private void dictionary(COSDictionary dict, int depth, Set<COSName> alsoSkipped)
        throws IOException {
      put("<<");
      List<COSName> keys = new ArrayList<>(dict.keySet());
      keys.sort(Comparator.comparing(COSName::getName));
      for (COSName key : keys) {
        if (skipped.contains(key) || alsoSkipped.contains(key)) {
          continue;
        }
        put("/" + key.getName());
        write(dict.getItem(key), depth + 1);
      }
      put(">>");
    }

    private void put(String token) {
      digest.update(token.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
  }
}
