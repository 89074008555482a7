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
 * At start-up: in demo mode, makes sure the demo reviewer and CA administrator exist; always says
 * where to open the system (in demo mode, the demo channel's portal) and which CAs run.
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
    CerthallProperties.Demo demo = properties.demo();
    boolean demoMode = demo != null && demo.enabled();
    // the bare address only explains where to come from; the demo channel is the way in
    StringBuilder banner =
        new StringBuilder("\n\n  certhall is running: open ")
            .append(properties.publicUrl())
            .append(demoMode ? "/?channelId=" + ChannelConfiguration.DEMO_CHANNEL : "/")
            .append("\n  CAs: ")
            .append(
                cas.all().stream()
                    .map(CertificateAuthority::name)
                    .collect(Collectors.joining(", ")))
            .append(" (list: ")
            .append(properties.publicUrl())
            .append("/ca)\n")
            .append("  OCSP: ")
            .append(properties.publicUrl())
            .append("/ocsp   CRLs: ")
            .append(properties.publicUrl())
            .append("/crl/{ca}.crl\n");
    if (demoMode) {
      ensure(demo.reviewerUsername(), demo.reviewerPassword(), Role.REVIEWER);
      ensure(demo.adminUsername(), demo.adminPassword(), Role.CA_ADMIN);
      // demonstration accounts of the default run, documented in the README; never real ones
      banner
          .append("  Console: ")
          .append(properties.publicUrl())
          .append("/console/\n")
          .append("  Demo reviewer (审核员) login: ")
          .append(demo.reviewerUsername())
          .append(" / ")
          .append(demo.reviewerPassword())
          .append("\n  Demo CA administrator (CA 管理员) login: ")
          .append(demo.adminUsername())
          .append(" / ")
          .append(demo.adminPassword())
          .append("\n  (demo mode; turn off with CERTHALL_DEMO_ENABLED=false)\n");
    }
    log.info(banner.toString());
  }

  private void ensure(String username, String password, Role role) {
    if (operators.find(username).isEmpty()) {
      operators.insert(username, passwords.encode(password), role);
    }
  }
}
