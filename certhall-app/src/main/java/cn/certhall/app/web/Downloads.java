package cn.certhall.app.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Files the site hands out, the one way to send one: the stored type, {@code nosniff} (a browser
 * never takes one for HTML or script) and not kept in any cache; shown in the browser ({@link
 * #inline}) or saved ({@link #attachment}, never shown inline, so an uploaded file cannot act as a
 * page of the site).
 */
public final class Downloads {
  private Downloads() {}

  public static ResponseEntity<byte[]> inline(byte[] bytes, MediaType type, String filename) {
    return served(bytes, type, ContentDisposition.inline().filename(filename).build());
  }

  public static ResponseEntity<byte[]> attachment(byte[] bytes, MediaType type, String filename) {
    return served(bytes, type, ContentDisposition.attachment().filename(filename).build());
  }

  /**
   * A file of an order sent to its owner, under a Chinese file name (RFC 6266 {@code filename*}),
   * not kept by shared caches.
   */
  public static ResponseEntity<byte[]> attachment(
      byte[] content, String mediaType, String fileName) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(mediaType))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(content);
  }

  private static ResponseEntity<byte[]> served(
      byte[] bytes, MediaType type, ContentDisposition disposition) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore())
        .body(bytes);
  }
}
