package cn.certhall.app.portal;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file of an order sent to its owner: as an attachment (never shown inline, so an uploaded file
 * cannot act as a page of the site), under a Chinese file name, not cached by shared caches.
 */
public final class Downloads {
  private Downloads() {}

  public static ResponseEntity<byte[]> attachment(byte[] content, String mediaType, String fileName) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(mediaType));
    headers.setContentDisposition(
        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build());
    headers.setCacheControl(CacheControl.noStore().cachePrivate());
    return new ResponseEntity<>(content, headers, org.springframework.http.HttpStatus.OK);
  }
}
