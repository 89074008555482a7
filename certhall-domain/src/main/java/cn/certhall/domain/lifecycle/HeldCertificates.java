package cn.certhall.domain.lifecycle;

import java.util.List;
import java.util.Optional;

/** Port: the organization certificates the CA issued through orders, with their status. */
public interface HeldCertificates {

  /** The organization's certificates, newest first. */
  List<HeldCertificate> ofOrganization(String creditCode);

  Optional<HeldCertificate> find(String caName, String serialHex);
}
