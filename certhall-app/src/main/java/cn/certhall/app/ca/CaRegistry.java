package cn.certhall.app.ca;

import cn.certhall.pki.issuance.CertificateAuthority;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The CAs loaded at start-up, by name, in hierarchy order (each root before its issuing CA). */
public final class CaRegistry {
  private final Map<String, CertificateAuthority> byName = new LinkedHashMap<>();

  void add(CertificateAuthority ca) {
    byName.put(ca.name(), ca);
  }

  public Optional<CertificateAuthority> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<CertificateAuthority> all() {
    return byName.values();
  }
}
