package cn.certhall.domain.evidence;

import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.CertificateRef;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.lifecycle.HeldCertificate;
import cn.certhall.domain.lifecycle.HeldCertificates;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** A certificate's evidence from the issued certificate and its status in the records. */
final class CertificateLookup {
    private final HostedCertificateIssuer issuer;
    private final HeldCertificates held;

    CertificateLookup(HostedCertificateIssuer issuer, HeldCertificates held) {
        this.issuer = issuer;
        this.held = held;
    }

    /** The organization certificate by CA and serial, if it is one. */
    Optional<CertificateEvidence> find(String caName, String serialHex) {
        return held.find(caName, serialHex)
                .map(h -> evidence(new CertificateRef(h.caName(), h.serialHex(), h.notBefore(), h.notAfter())));
    }

    CertificateEvidence evidence(CertificateRef ref) {
        CertificateChain chain = issuer.certificate(ref);
        X509Certificate x509 = chain.certificate();
        Optional<HeldCertificate> state = held.find(ref.caName(), ref.serialHex());
        try {
            byte[] der = x509.getEncoded();
            return new CertificateEvidence(
                    ref.caName(),
                    ref.serialHex(),
                    x509.getSubjectX500Principal().getName(X500Principal.RFC2253),
                    x509.getIssuerX500Principal().getName(X500Principal.RFC2253),
                    ref.notBefore(),
                    ref.notAfter(),
                    sha256(der),
                    der.length,
                    state.map(HeldCertificate::revokedAt).orElse(null),
                    state.map(HeldCertificate::revocationReasonCode).orElse(null));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("stored certificate " + ref + " cannot be encoded", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
