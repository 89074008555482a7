package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Role;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * At start-up: in demo mode, makes sure the demo reviewer exists; always says where to open the
 * system and which CAs run.
 */
@Component
public class DemoSetup {
  private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

  private final CerthallProperties properties;
  private final OperatorRepository operators;
  private final PasswordEncoder passwords;
  private final CaRegistry cas;

  public DemoSetup(
      CerthallProperties properties,
      OperatorRepository operators,
      PasswordEncoder passwords,
      CaRegistry cas) {
    this.properties = properties;
    this.operators = operators;
    this.passwords = passwords;
    this.cas = cas;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ready() {
    StringBuilder banner = new StringBuilder("\n\n  certhall is running: open ")
        .append(properties.publicUrl())
        .append("/\n  CAs: ")
        .append(cas.all().stream().map(CertificateAuthority::name).collect(Collectors.joining(", ")))
        .append(" (list: ").append(properties.publicUrl()).append("/ca)\n")
        .append("  OCSP: ").append(properties.publicUrl()).append("/ocsp   CRLs: ")
        .append(properties.publicUrl()).append("/crl/{ca}.crl\n");
    CerthallProperties.Demo demo = properties.demo();
    if (demo != null && demo.enabled()) {
      if (operators.find(demo.reviewerUsername()).isEmpty()) {
        operators.insert(
            demo.reviewerUsername(), passwords.encode(demo.reviewerPassword()), Role.REVIEWER);
      }
      // a demonstration account of the default run, documented in the README; never a real one
      banner.append("  Demo reviewer (审核员) login: ")
          .append(demo.reviewerUsername()).append(" / ").append(demo.reviewerPassword())
          .append("  (demo mode; turn off with CERTHALL_DEMO_ENABLED=false)\n");
    }
    log.info(banner.toString());
  }
}
