package cn.certhall.app.web;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.Pem;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** CA certificates for relying parties: the list, and each certificate in DER and PEM. */
@RestController
public class CaController {
  static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
  static final MediaType PEM_FILE = MediaType.parseMediaType("application/x-pem-file");

  private final CaRegistry cas;

  public CaController(CaRegistry cas) {
    this.cas = cas;
  }

  public record CaView(
      String name,
      String kind,
      String algorithm,
      String subject,
      String issuer,
      String notBefore,
      String notAfter) {}

  @GetMapping(value = "/ca", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<CaView> list() {
    return cas.all().stream()
        .map(
            ca ->
                new CaView(
                    ca.name(),
                    ca.kind().name(),
                    ca.keyAlgorithm().name(),
                    ca.subject(),
                    ca.issuer(),
                    ca.certificate().getNotBefore().toInstant().toString(),
                    ca.certificate().getNotAfter().toInstant().toString()))
        .toList();
  }

  @GetMapping("/ca/{name}.crt")
  public ResponseEntity<byte[]> der(@PathVariable String name) {
    return ResponseEntity.ok().contentType(PKIX_CERT).body(ca(name).certificateDer());
  }

  @GetMapping("/ca/{name}.pem")
  public ResponseEntity<String> pem(@PathVariable String name) {
    return ResponseEntity.ok()
        .contentType(PEM_FILE)
        .body(Pem.certificate(ca(name).certificateDer()));
  }

  private CertificateAuthority ca(String name) {
    return cas.find(name)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no CA named " + name));
  }
}
