package cn.certhall.pki.issuance;

import cn.certhall.pki.profile.CertificateProfile;
import java.math.BigInteger;
import java.time.Instant;

/** A serial about to be used, with what it is going to certify. */
public record Reservation(
    String caName,
    BigInteger serial,
    CertificateProfile profile,
    String subject,
    Instant notBefore,
    Instant notAfter) {}
