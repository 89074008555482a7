package cn.certhall.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** certhall: the online certificate business hall (证书业务系统). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CerthallApplication {
  public static void main(String[] args) {
    SpringApplication.run(CerthallApplication.class, args);
  }
}
