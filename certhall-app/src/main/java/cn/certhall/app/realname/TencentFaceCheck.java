package cn.certhall.app.realname;

import cn.certhall.domain.sealing.FaceCheck.Result;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The face check at Tencent Cloud 人脸核身: {@code ImageRecognitionV2} (照片人脸核身: IdCard, Name,
 * ImageBase64) compares the camera's photo with the ID photo the authoritative database (权威库) holds
 * for that name and number and answers a similarity (Sim, 0–100) and a result (Success or a
 * FailedOperation code). A success at or above {@code min-similarity} is a MATCH.
 */
public final class TencentFaceCheck implements FaceProvider {
  private final TencentFaceid faceid;
  private final double minSimilarity;

  public TencentFaceCheck(FaceCheckProperties settings) {
    this.faceid =
        new TencentFaceid(
            settings.tencent(),
            "certhall.face-check",
            settings.connectTimeout(),
            settings.readTimeout());
    this.minSimilarity = settings.minSimilarity();
  }

  @Override
  public String name() {
    return "tencent";
  }

  @Override
  public ProviderAnswer<Result> check(String name, String idNumber, byte[] photo) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("IdCard", idNumber);
    p.put("Name", name);
    p.put("ImageBase64", Base64.getEncoder().encodeToString(photo));
    TencentFaceid.Reply reply = faceid.call("ImageRecognitionV2", p);
    if (!reply.answered()) {
      return new ProviderAnswer<>(
          TencentResults.faceFailure(reply.code()), reply.code(), reply.requestId());
    }
    String result = reply.text("Result");
    if (!"Success".equals(result)) {
      String code = result == null ? "NO_RESULT" : result;
      return new ProviderAnswer<>(TencentResults.faceFailure(code), code, reply.requestId());
    }
    String sim = reply.text("Sim");
    double similarity = sim == null ? 0 : Double.parseDouble(sim);
    return new ProviderAnswer<>(
        similarity >= minSimilarity ? Result.MATCH : Result.MISMATCH,
        "Success " + sim,
        reply.requestId());
  }
}
