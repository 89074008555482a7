package cn.certhall.documents.template;

import java.time.Instant;

/**
 * A material as the application form lists it.
 *
 * @param kind the material in the manual's words (营业执照, …)
 * @param format JPG, PNG or PDF
 * @param sha256 64 hex digits
 */
public record UploadedFile(
    String kind, String format, long size, String sha256, Instant uploadedAt) {}
