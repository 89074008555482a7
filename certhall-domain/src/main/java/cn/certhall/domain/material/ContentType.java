package cn.certhall.domain.material;

import java.util.Optional;

/**
 * The file types a material may be: JPG, PNG or PDF, told apart by their first bytes (the
 * signatures of JPEG/JFIF, PNG and PDF), never by the file name or the browser's claim.
 */
public enum ContentType {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  PDF("application/pdf", "pdf");

  private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

  private final String mediaType;
  private final String extension;

  ContentType(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The extension a download gets, whatever name the file was uploaded under. */
  public String extension() {
    return extension;
  }

  /** The type whose signature {@code content} starts with. */
  public static Optional<ContentType> sniff(byte[] content) {
    if (startsWith(content, JPEG_MAGIC)) {
      return Optional.of(JPEG);
    }
    if (startsWith(content, PNG_MAGIC)) {
      return Optional.of(PNG);
    }
    if (startsWith(content, PDF_MAGIC)) {
      return Optional.of(PDF);
    }
    return Optional.empty();
  }

  public static ContentType fromMediaType(String mediaType) {
    for (ContentType type : values()) {
      if (type.mediaType.equals(mediaType)) {
        return type;
      }
    }
    throw new IllegalArgumentException("not a material content type: " + mediaType);
  }

  /**
   * Whether {@code content} is a program: Windows PE ({@code MZ}), ELF, Mach-O or a script with
   * {@code #!}. Such a file renamed to .jpg gets its own message.
   */
  static boolean isExecutable(byte[] content) {
    return startsWith(content, new byte[] {'M', 'Z'})
        || startsWith(content, new byte[] {0x7F, 'E', 'L', 'F'})
        || startsWith(content, new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE})
        || startsWith(content, new byte[] {(byte) 0xCE, (byte) 0xFA, (byte) 0xED, (byte) 0xFE})
        || startsWith(content, new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFA, (byte) 0xCE})
        || startsWith(content, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE})
        || startsWith(content, new byte[] {'#', '!'});
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
