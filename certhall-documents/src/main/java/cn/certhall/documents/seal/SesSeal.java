package cn.certhall.documents.seal;

import cn.certhall.pki.Providers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The electronic seal data of GB/T 38540-2020 (安全电子签章密码技术规范), version 4, DER-encoded with Bouncy
 * Castle:
 *
 * <pre>
 * SESeal ::= SEQUENCE {
 *   eSealInfo   SES_SealInfo,
 *   cert        OCTET STRING,            -- the seal maker's certificate (制章者证书)
 *   signAlgID   OBJECT IDENTIFIER,
 *   signedValue BIT STRING }             -- signature over the DER of eSealInfo
 * SES_SealInfo ::= SEQUENCE {
 *   header   SES_Header,                 -- SEQUENCE { ID IA5String "ES", version INTEGER 4, Vid IA5String }
 *   esID     IA5String,
 *   property SES_ESPropertyInfo,
 *   picture  SES_ESPictrueInfo,
 *   extDatas ExtensionDatas OPTIONAL }
 * SES_ESPropertyInfo ::= SEQUENCE {
 *   type INTEGER, name UTF8String, certListType INTEGER, certList SES_CertList,
 *   createDate GeneralizedTime, validStart GeneralizedTime, validEnd GeneralizedTime }
 * SES_CertList ::= CHOICE { certs SEQUENCE OF OCTET STRING, certDigestList ... }  -- type 1: certs
 * SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }
 * ExtData ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 * </pre>
 *
 * <p>The signature is over the DER of {@code eSealInfo}, as ofdrw (the widely used open OFD
 * library) signs and verifies version-4 seals, so readers built on it accept ours. The sealing
 * issue embeds these bytes in SES_Signature.
 */
public final class SesSeal {

  /** SES_Header.ID. */
  public static final String HEADER_ID = "ES";

  /** SES_Header.version of GB/T 38540-2020. */
  public static final int VERSION = 4;

  /** certListType 1: the list holds the certificates themselves (2 would be digests). */
  public static final int CERT_LIST_CERTIFICATES = 1;

  /** SES_ESPictrueInfo.type of every seal this project makes. */
  public static final String PICTURE_PNG = "PNG";

  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SesSeal() {}

  /** SES_ESPropertyInfo.type: 1 an organization's seal (单位印章), 2 a person's (个人印章). */
  public enum SealType {
    ORGANIZATION(1),
    PERSONAL(2);

    private final int code;

    SealType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static SealType of(int code) {
      for (SealType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new SealException("电子印章数据无效：未知的印章类型 " + code);
    }
  }

  /** ExtData: a private extension of the seal (extDatas). */
  public record ExtData(String oid, boolean critical, byte[] value) {}

  /**
   * What the seal says (SES_SealInfo).
   *
   * @param vendorId SES_Header.Vid, the maker's vendor id
   * @param esId the seal's identifier (电子印章标识), ASCII
   * @param signerCertificates DER certificates of those who may apply the seal (certList type 1)
   * @param pictureWidthMm printed width of the picture in millimetres
   */
  public record SealInfo(
      String vendorId,
      String esId,
      SealType type,
      String name,
      List<byte[]> signerCertificates,
      Instant createDate,
      Instant validStart,
      Instant validEnd,
      byte[] picturePng,
      int pictureWidthMm,
      int pictureHeightMm,
      List<ExtData> extDatas) {

    public SealInfo {
      signerCertificates = List.copyOf(signerCertificates);
      extDatas = extDatas == null ? List.of() : List.copyOf(extDatas);
    }
  }

  /**
   * A seal read back from DER.
   *
   * @param sealInfoDer the exact bytes of eSealInfo that the signature covers
   */
  public record Parsed(
      SealInfo info,
      byte[] sealInfoDer,
      byte[] makerCertificate,
      String signAlgId,
      byte[] signedValue) {

    /**
     * Whether the signature verifies with the public key of the seal maker's certificate carried in
     * the seal. Trust in that certificate (its chain, its status) is the caller's to check.
     */
    public boolean signatureVerifies() {
      try {
        ContentVerifierProvider provider =
            new JcaContentVerifierProviderBuilder()
                .setProvider(Providers.bouncyCastle())
                .build(new X509CertificateHolder(makerCertificate));
        ContentVerifier verifier =
            provider.get(new AlgorithmIdentifier(new ASN1ObjectIdentifier(signAlgId)));
        try (OutputStream out = verifier.getOutputStream()) {
          out.write(sealInfoDer);
        }
        return verifier.verify(signedValue);
      } catch (IOException
          | OperatorCreationException
          | java.security.cert.CertificateException
          | RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * Encodes the seal and signs it with the seal maker's key.
   *
   * @param makerCertificate the DER certificate (profile SEAL_MAKER) of {@code signer}'s key
   * @param signer a fresh signer of the seal maker's key, e.g. {@code SigningKeyStore.signer}
   */
  public static byte[] sign(SealInfo info, byte[] makerCertificate, ContentSigner signer) {
    try {
      byte[] tbs = sealInfo(info).getEncoded(ASN1Encoding.DER);
      try (OutputStream out = signer.getOutputStream()) {
        out.write(tbs);
      }
      byte[] signature = signer.getSignature();
      return new DERSequence(
              new ASN1Encodable[] {
                ASN1Primitive.fromByteArray(tbs),
                new DEROctetString(makerCertificate),
                signer.getAlgorithmIdentifier().getAlgorithm(),
                new DERBitString(signature)
              })
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DERSequence sealInfo(SealInfo info) {
    ASN1EncodableVector certs = new ASN1EncodableVector();
    for (byte[] cert : info.signerCertificates()) {
      certs.add(new DEROctetString(cert));
    }
    ASN1EncodableVector fields = new ASN1EncodableVector();
    fields.add(
        new DERSequence(
            new ASN1Encodable[] {
              new DERIA5String(HEADER_ID, true),
              new ASN1Integer(VERSION),
              new DERIA5String(info.vendorId(), true)
            }));
    fields.add(new DERIA5String(info.esId(), true));
    fields.add(
        new DERSequence(
            new ASN1Encodable[] {
              new ASN1Integer(info.type().code()),
              new DERUTF8String(info.name()),
              new ASN1Integer(CERT_LIST_CERTIFICATES),
              new DERSequence(certs),
              time(info.createDate()),
              time(info.validStart()),
              time(info.validEnd())
            }));
    fields.add(
        new DERSequence(
            new ASN1Encodable[] {
              new DERIA5String(PICTURE_PNG, true),
              new DEROctetString(info.picturePng()),
              new ASN1Integer(info.pictureWidthMm()),
              new ASN1Integer(info.pictureHeightMm())
            }));
    if (!info.extDatas().isEmpty()) {
      ASN1EncodableVector exts = new ASN1EncodableVector();
      for (ExtData e : info.extDatas()) {
        ASN1EncodableVector ext = new ASN1EncodableVector();
        ext.add(new ASN1ObjectIdentifier(e.oid()));
        if (e.critical()) {
          ext.add(ASN1Boolean.TRUE);
        }
        ext.add(new DEROctetString(e.value()));
        exts.add(new DERSequence(ext));
      }
      fields.add(new DERSequence(exts));
    }
    return new DERSequence(fields);
  }

  private static DERGeneralizedTime time(Instant instant) {
    return new DERGeneralizedTime(GENERALIZED_TIME.format(instant));
  }

  /**
   * Reads a seal with Bouncy Castle's ASN.1 parser, strictly: wrong tags, missing fields, another
   * header or version are refused with a Chinese message.
   */
  public static Parsed parse(byte[] der) {
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      if (!java.util.Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
        throw invalid("不是 DER 编码");
      }
      ASN1Sequence seal = sequence(primitive, 4, 4);
      ASN1Sequence sealInfo = sequence(seal.getObjectAt(0), 4, 5);
      ASN1Sequence header = sequence(sealInfo.getObjectAt(0), 3, 3);
      if (!HEADER_ID.equals(ia5(header.getObjectAt(0)))) {
        throw invalid("印章头标识不是 ES");
      }
      int version = ASN1Integer.getInstance(header.getObjectAt(1)).intValueExact();
      if (version != VERSION) {
        throw invalid("版本号为 " + version + "，只支持第 4 版（GB/T 38540-2020）");
      }
      String vendorId = ia5(header.getObjectAt(2));
      String esId = ia5(sealInfo.getObjectAt(1));
      ASN1Sequence property = sequence(sealInfo.getObjectAt(2), 7, 7);
      SealType type = SealType.of(ASN1Integer.getInstance(property.getObjectAt(0)).intValueExact());
      String name = ASN1UTF8String.getInstance(property.getObjectAt(1)).getString();
      int certListType = ASN1Integer.getInstance(property.getObjectAt(2)).intValueExact();
      if (certListType != CERT_LIST_CERTIFICATES) {
        throw invalid("只支持证书列表类型 1（证书本身）");
      }
      List<byte[]> certs = new ArrayList<>();
      for (ASN1Encodable cert : ASN1Sequence.getInstance(property.getObjectAt(3))) {
        certs.add(ASN1OctetString.getInstance(cert).getOctets());
      }
      ASN1Sequence picture = sequence(sealInfo.getObjectAt(3), 4, 4);
      String pictureType = ia5(picture.getObjectAt(0));
      if (!PICTURE_PNG.equals(pictureType)) {
        throw invalid("印章图像类型为 " + pictureType + "，只支持 PNG");
      }
      List<ExtData> exts = new ArrayList<>();
      if (sealInfo.size() == 5) {
        for (ASN1Encodable e : ASN1Sequence.getInstance(sealInfo.getObjectAt(4))) {
          ASN1Sequence ext = sequence(e, 2, 3);
          boolean critical =
              ext.size() == 3 && ASN1Boolean.getInstance(ext.getObjectAt(1)).isTrue();
          exts.add(
              new ExtData(
                  ASN1ObjectIdentifier.getInstance(ext.getObjectAt(0)).getId(),
                  critical,
                  ASN1OctetString.getInstance(ext.getObjectAt(ext.size() - 1)).getOctets()));
        }
      }
      SealInfo info =
          new SealInfo(
              vendorId,
              esId,
              type,
              name,
              certs,
              time(property.getObjectAt(4)),
              time(property.getObjectAt(5)),
              time(property.getObjectAt(6)),
              ASN1OctetString.getInstance(picture.getObjectAt(1)).getOctets(),
              ASN1Integer.getInstance(picture.getObjectAt(2)).intValueExact(),
              ASN1Integer.getInstance(picture.getObjectAt(3)).intValueExact(),
              exts);
      ASN1BitString signed = ASN1BitString.getInstance(seal.getObjectAt(3));
      if (signed.getPadBits() != 0) {
        throw invalid("签名值不是整字节");
      }
      return new Parsed(
          info,
          sealInfo.getEncoded(ASN1Encoding.DER),
          ASN1OctetString.getInstance(seal.getObjectAt(1)).getOctets(),
          ASN1ObjectIdentifier.getInstance(seal.getObjectAt(2)).getId(),
          signed.getOctets());
    } catch (SealException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SealException("电子印章数据无效：无法按 GB/T 38540 解析", e);
    }
  }

  private static ASN1Sequence sequence(ASN1Encodable value, int min, int max) {
    ASN1Sequence s = ASN1Sequence.getInstance(value);
    if (s.size() < min || s.size() > max) {
      throw invalid("结构的字段数不对");
    }
    return s;
  }

  private static String ia5(ASN1Encodable value) {
    return ASN1IA5String.getInstance(value).getString();
  }

  private static Instant time(ASN1Encodable value) {
    try {
      return ASN1GeneralizedTime.getInstance(value).getDate().toInstant();
    } catch (ParseException e) {
      throw invalid("时间格式错误");
    }
  }

  private static SealException invalid(String why) {
    return new SealException("电子印章数据无效：" + why);
  }
}
