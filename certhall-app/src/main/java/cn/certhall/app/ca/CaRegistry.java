package cn.certhall.app.ca;

import cn.certhall.pki.issuance.CertificateAuthority;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The CAs loaded at start-up, by name, in hierarchy order (each root before its issuing CA). */
public final class CaRegistry {
  private final Map<String, CertificateAuthority> byName = new LinkedHashMap<>();

  /** A registry of the given CAs, for tests and tools that load CAs themselves. */
  public static CaRegistry of(CertificateAuthority... cas) {
    CaRegistry registry = new CaRegistry();
    for (CertificateAuthority ca : cas) {
      registry.add(ca);
    }
    return registry;
  }

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
