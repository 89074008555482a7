package cn.certhall.pki.crl;

import cn.certhall.pki.OwnerOnlyFiles;
import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentSigner;

/**
 * Writes a CRL (RFC 5280 5.1) without holding its entries in memory: each revoked entry is
 * DER-encoded as it arrives into a temporary file; {@link #writeTo} then streams the file twice,
 * once through the signer and once to the output. A million entries cost a few tens of megabytes of
 * disk and a buffer of memory, where an object-per-entry builder would need hundreds of MB.
 *
 * <p>Made by {@code CertificateAuthority.newCrl}, which supplies the CA's signer and names.
 */
public final class CrlBuilder implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ContentSigner signer;
  private final X500Name issuer;
  private final Extension authorityKeyId;
  private final BigInteger number;
  private final Instant thisUpdate;
  private final Instant nextUpdate;
  private final Path entriesFile;
  private final OutputStream entries;
  private long entriesLength;
  private long count;
  private boolean finished;
  private boolean closed;

  public CrlBuilder(
      ContentSigner signer,
      X500Name issuer,
      Extension authorityKeyId,
      BigInteger number,
      Instant thisUpdate,
      Instant nextUpdate,
      Path workDirectory) {
    if (number == null || number.signum() < 0 || number.bitLength() > 159) {
      throw new IllegalArgumentException(
          "CRL number must be a non-negative integer of at most 20 octets");
    }
    if (thisUpdate == null || nextUpdate == null || !nextUpdate.isAfter(thisUpdate)) {
      throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
    }
    this.signer = signer;
    this.issuer = issuer;
    this.authorityKeyId = authorityKeyId;
    this.number = number;
    this.thisUpdate = thisUpdate;
    this.nextUpdate = nextUpdate;
    try {
      OwnerOnlyFiles.createDirectories(workDirectory);
      this.entriesFile = Files.createTempFile(workDirectory, "crl-entries", ".der");
      this.entries = new BufferedOutputStream(Files.newOutputStream(entriesFile), BUFFER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a CRL work file in " + workDirectory, e);
    }
  }

  /**
   * Adds one revoked certificate.
   *
   * @throws IllegalStateException once the CRL is written or the builder closed: the entry could
   *     not be in the CRL any more
   */
  public void add(RevokedEntry entry) {
    checkOpen();
    ASN1EncodableVector v = new ASN1EncodableVector(3);
    v.add(new ASN1Integer(entry.serial()));
    v.add(new Time(Date.from(entry.revokedAt())));
    ASN1EncodableVector ext = new ASN1EncodableVector(2);
    if (entry.reason() != null && entry.reason() != RevocationReason.UNSPECIFIED) {
      // RFC 5280 5.3.1: the reason code unspecified (0) should be absent rather than written
      ext.add(extension(Extension.reasonCode, new ASN1Enumerated(entry.reason().code())));
    }
    if (entry.invalidityDate() != null) {
      ext.add(
          extension(
              Extension.invalidityDate,
              new ASN1GeneralizedTime(Date.from(entry.invalidityDate()))));
    }
    if (ext.size() > 0) {
      v.add(new DERSequence(ext));
    }
    try {
      byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
      entries.write(der);
      entriesLength += der.length;
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CRL entry to " + entriesFile, e);
    }
  }

  private static Extension extension(
      org.bouncycastle.asn1.ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return new Extension(oid, false, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long count() {
    return count;
  }

  /** Signs the CRL and writes its DER encoding to {@code out}; returns the number of bytes. */
  public long writeTo(OutputStream out) throws IOException {
    checkOpen();
    finished = true;
    entries.close();

    byte[] head = tbsHead();
    byte[] revokedHeader = count == 0 ? new byte[0] : header(0x30, entriesLength);
    byte[] tail = tbsTail();
    long tbsContent = head.length + revokedHeader.length + entriesLength + tail.length;
    byte[] tbsHeader = header(0x30, tbsContent);

    try (OutputStream sig = signer.getOutputStream()) {
      writeTbs(sig, tbsHeader, head, revokedHeader, tail);
    }
    byte[] signatureAlg = signer.getAlgorithmIdentifier().getEncoded(ASN1Encoding.DER);
    byte[] signature = new DERBitString(signer.getSignature()).getEncoded(ASN1Encoding.DER);

    long total = tbsHeader.length + tbsContent + signatureAlg.length + signature.length;
    byte[] outer = header(0x30, total);
    OutputStream buffered = new BufferedOutputStream(out, BUFFER);
    buffered.write(outer);
    writeTbs(buffered, tbsHeader, head, revokedHeader, tail);
    buffered.write(signatureAlg);
    buffered.write(signature);
    buffered.flush();
    return outer.length + total;
  }

  private void writeTbs(
      OutputStream out, byte[] tbsHeader, byte[] head, byte[] revokedHeader, byte[] tail)
      throws IOException {
    out.write(tbsHeader);
    out.write(head);
    out.write(revokedHeader);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(entriesFile), BUFFER)) {
      in.transferTo(out);
    }
    out.write(tail);
  }

  /** version, signature, issuer, thisUpdate, nextUpdate. */
  private byte[] tbsHead() throws IOException {
    ASN1EncodableVector v = new ASN1EncodableVector(5);
    v.add(new ASN1Integer(1)); // v2
    v.add(signer.getAlgorithmIdentifier());
    v.add(issuer);
    v.add(new Time(Date.from(thisUpdate)));
    v.add(new Time(Date.from(nextUpdate)));
    byte[] seq = new DERSequence(v).getEncoded(ASN1Encoding.DER);
    return contentOf(seq);
  }

  /** crlExtensions [0]: authority key identifier and CRL number. */
  private byte[] tbsTail() throws IOException {
    Extensions ext =
        new Extensions(
            new Extension[] {
              authorityKeyId,
              new Extension(
                  Extension.cRLNumber, false, new ASN1Integer(number).getEncoded(ASN1Encoding.DER))
            });
    return new DERTaggedObject(true, 0, ext).getEncoded(ASN1Encoding.DER);
  }

  /** The content octets of a DER SEQUENCE whose header is short or long form. */
  private static byte[] contentOf(byte[] der) {
    int offset = (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f);
    byte[] content = new byte[der.length - offset];
    System.arraycopy(der, offset, content, 0, content.length);
    return content;
  }

  /** A DER tag and definite length. */
  static byte[] header(int tag, long length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    int bytes = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
    byte[] h = new byte[2 + bytes];
    h[0] = (byte) tag;
    h[1] = (byte) (0x80 | bytes);
    for (int i = 0; i < bytes; i++) {
      h[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
    }
    return h;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("CRL already written");
    }
    if (closed) {
      throw new IllegalStateException("CRL builder closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      entries.close();
      Files.deleteIfExists(entriesFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + entriesFile, e);
    }
  }
}
