package cn.certhall.app.web;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.revocation.CrlPublisher;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Each CA's current CRL at the distribution point written into its certificates: the latest one in
 * the database, whichever node published it.
 */
@RestController
public class CrlController {
  static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

  private final CaRegistry cas;
  private final CrlPublisher crls;

  public CrlController(CaRegistry cas, CrlPublisher crls) {
    this.cas = cas;
    this.crls = crls;
  }

  @GetMapping("/crl/{name}.crl")
  public ResponseEntity<Resource> crl(@PathVariable String name) {
    if (cas.find(name).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no CA named " + name);
    }
    CrlPublisher.Served crl =
        crls.current(name)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "the CRL of " + name + " is being issued"));
    return ResponseEntity.ok()
        .contentType(PKIX_CRL)
        .headers(h -> h.setExpires(crl.nextUpdate().toEpochMilli()))
        .cacheControl(CacheControl.noCache())
        .body(new FileSystemResource(crl.file()));
  }
}
