package cn.certhall.app.tsa;

import cn.certhall.pki.tsp.TimeStampAuthority;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The TSA over HTTP (RFC 3161 3.4): {@code POST /tsa} with a DER TimeStampReq as {@code
 * application/timestamp-query}, answered with the DER TimeStampResp as {@code
 * application/timestamp-reply}, HTTP 200 for every TSA answer including rejections. Another content
 * type gets 415, a body larger than any honest request 413.
 */
@RestController
@ConditionalOnProperty(name = "certhall.tsa.enabled", havingValue = "true")
public class TsaController {
  static final String QUERY = "application/timestamp-query";
  static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");

  private final TimeStampAuthority tsa;

  public TsaController(TimeStampAuthority tsa) {
    this.tsa = tsa;
  }

  @PostMapping(path = "/tsa", consumes = QUERY)
  public ResponseEntity<byte[]> timestamp(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > TimeStampAuthority.MAX_REQUEST_BYTES) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(TimeStampAuthority.MAX_REQUEST_BYTES + 1);
    }
    if (body.length > TimeStampAuthority.MAX_REQUEST_BYTES) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
    }
    return ResponseEntity.ok().contentType(REPLY).body(tsa.respond(body));
  }
}
