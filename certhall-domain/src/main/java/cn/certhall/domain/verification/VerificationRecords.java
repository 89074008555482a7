package cn.certhall.domain.verification;

import java.util.List;

/**
 * Port: the records of real-name and face checks (the evidence trail's 核验记录), written by the
 * adapters of {@link RealNameVerifier} and {@code sealing.FaceCheck}, read by the evidence report.
 */
public interface VerificationRecords {

  void add(VerificationRecord record);

  /** Every check made for the subject, oldest first. */
  List<VerificationRecord> forSubject(String subject);
}
