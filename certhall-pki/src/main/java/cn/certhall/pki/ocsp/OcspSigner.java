package cn.certhall.pki.ocsp;

import cn.certhall.pki.keystore.SigningKeyStore;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The delegated responder of one CA (RFC 6960 4.2.2.2): a certificate of profile OCSP_SIGNER issued
 * by that CA, and its key in a key store.
 */
public record OcspSigner(
    String caName,
    X509CertificateHolder caCertificate,
    X509CertificateHolder signerCertificate,
    SigningKeyStore keys,
    String keyAlias) {}
