package cn.certhall.app.sandbox;

import cn.certhall.app.realname.FaceProvider;
import cn.certhall.app.realname.ProviderAnswer;
import cn.certhall.domain.sealing.FaceCheck.Result;

/**
 * The face check (人脸识别) answering by {@link SandboxRules}, so each answer can be caused, with a
 * request id of its own ({@code sandbox-<uuid>}).
 */
public final class SandboxFaceCheck implements FaceProvider {

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public ProviderAnswer<Result> check(String name, String idNumber, byte[] photo) {
    return SandboxRealNameVerifier.answer(SandboxRules.face(name, idNumber));
  }
}
