package cn.certhall.app.production;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Added to the running app by {@link ProductionModeTest} ({@code spring.main.sources}): answers the
 * remote address and whether the request is secure as the application sees them, which is what
 * per-IP limits and the Secure cookie attribute rely on.
 */
@RestController
public class RemoteAddressEcho {
  @GetMapping("/test/remote-address")
  public String remoteAddress(HttpServletRequest request) {
    return request.getRemoteAddr() + " secure=" + request.isSecure();
  }
}
