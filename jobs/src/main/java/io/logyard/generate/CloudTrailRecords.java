package io.logyard.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CloudTrail records of the demo AWS account, for one log file: management and data events of
 * the services behind the demo (EC2, S3, IAM, STS, KMS, Lambda, console sign-ins) by a few IAM
 * users, assumed roles and AWS services, with the access-denied and other errors real trails
 * hold. Each record is one JSON object in CloudTrail's field order; {@link LogGenerator} wraps
 * them in a {@code {"Records":[...]}} document.
 */
final class CloudTrailRecords {

  /** {@code 2026-11-20T10:00:03Z}: CloudTrail's eventTime has whole seconds. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final JsonFactory JSON = new JsonFactory();
  private static final String ACCOUNT = ProviderLayout.AWS_ACCOUNT;
  private static final String REGION = ProviderLayout.AWS_REGION;

  private enum Who { USER, ROLE, SERVICE }

  private record Identity(Who who, String name, String principalId, String accessKeyId) {}

  private record Api(String source, String name, boolean readOnly, Who who, String category) {}

  private static final List<Identity> USERS = List.of(
      new Identity(Who.USER, "alice", "AIDA4X7QKXAMPLE2ALICE", "AKIA4X7QKEXAMPLEA1CE"),
      new Identity(Who.USER, "bob", "AIDA4X7QKXAMPLE3BOB00", "AKIA4X7QKEXAMPLEB0B0"),
      new Identity(Who.USER, "ci-deployer", "AIDA4X7QKXAMPLE4CIDEP", "AKIA4X7QKEXAMPLEC1D3"));
  private static final List<Identity> ROLES = List.of(
      new Identity(Who.ROLE, "logyard-web-instance", "AROA4X7QKXAMPLEWEB01", "ASIA4X7QKEXAMPLEW3B1"),
      new Identity(Who.ROLE, "logyard-etl", "AROA4X7QKXAMPLEETL01", "ASIA4X7QKEXAMPLEETL1"));

  private static final Weighted<Api> APIS = Weighted.<Api>builder()
      .add(14, new Api("s3.amazonaws.com", "GetObject", true, Who.ROLE, "Data"))
      .add(8, new Api("s3.amazonaws.com", "PutObject", false, Who.ROLE, "Data"))
      .add(6, new Api("s3.amazonaws.com", "ListObjects", true, Who.USER, "Data"))
      .add(10, new Api("ec2.amazonaws.com", "DescribeInstances", true, Who.USER, "Management"))
      .add(2, new Api("ec2.amazonaws.com", "StartInstances", false, Who.USER, "Management"))
      .add(2, new Api("ec2.amazonaws.com", "StopInstances", false, Who.USER, "Management"))
      .add(3, new Api("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false, Who.USER,
          "Management"))
      .add(12, new Api("sts.amazonaws.com", "AssumeRole", false, Who.SERVICE, "Management"))
      .add(4, new Api("sts.amazonaws.com", "GetCallerIdentity", true, Who.USER, "Management"))
      .add(10, new Api("kms.amazonaws.com", "Decrypt", true, Who.SERVICE, "Management"))
      .add(3, new Api("iam.amazonaws.com", "ListRoles", true, Who.USER, "Management"))
      .add(1, new Api("iam.amazonaws.com", "CreateAccessKey", false, Who.USER, "Management"))
      .add(1, new Api("iam.amazonaws.com", "AttachRolePolicy", false, Who.USER, "Management"))
      .add(5, new Api("lambda.amazonaws.com", "Invoke", false, Who.ROLE, "Data"))
      .add(3, new Api("elasticloadbalancing.amazonaws.com", "DescribeTargetHealth", true,
          Who.USER, "Management"))
      .add(2, new Api("signin.amazonaws.com", "ConsoleLogin", false, Who.USER, "Management"))
      .build();

  private static final List<String> CLI_AGENTS = List.of(
      "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.1.112 md/arch#x86_64 lang/python#3.12.6",
      "Boto3/1.35.63 md/Botocore#1.35.63 ua/2.0 os/linux#6.1 lang/python#3.11.10",
      "aws-sdk-java/2.29.15 Linux/6.1 OpenJDK_64-Bit_Server_VM/17.0.13+11 Java/17.0.13",
      "Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.76.0");
  private static final String CONSOLE_AGENT =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
          + "(KHTML, like Gecko) Version/18.1 Safari/605.1.15";
  private static final List<String> BUCKETS =
      List.of("logyard-logs", "logyard-web-assets", "logyard-etl-staging");

  private final SplittableRandom random;
  private final List<String> instanceIds;
  private final String webIp;

  /** @param webIp public address of an AWS node, the source of its role's calls */
  CloudTrailRecords(SplittableRandom random, List<String> instanceIds, String webIp) {
    this.random = random;
    this.instanceIds = List.copyOf(instanceIds);
    this.webIp = webIp;
  }

  /** One well-formed record at {@code time}, as compact JSON. */
  String record(Instant time) {
    return write(time, Shape.GOOD);
  }

  private enum Shape { GOOD, BAD_TIME, NO_EVENT }

  /** A malformed record: valid JSON, but its eventTime is no time or it has no event at all. */
  String malformed(Instant time) {
    return switch (random.nextInt(3)) {
      case 0 -> write(time, Shape.BAD_TIME);
      case 1 -> write(time, Shape.NO_EVENT);
      default -> "{\"eventVersion\":\"1.09\",\"recipientAccountId\":\"" + ACCOUNT
          + "\",\"sharedEventID\":\"" + Randoms.uuid(random) + "\"}";
    };
  }

  /** A record at {@code time}; malformed shapes have a bad eventTime, or none and no eventName. */
  private String write(Instant time, Shape shape) {
    Api api = APIS.pick(random);
    Identity identity = switch (api.who()) {
      case USER -> Randoms.oneOf(random, USERS);
      case ROLE -> Randoms.oneOf(random, ROLES);
      case SERVICE -> random.nextBoolean() ? Randoms.oneOf(random, ROLES)
          : new Identity(Who.SERVICE, null, null, null);
    };
    boolean console = api.name().equals("ConsoleLogin");
    String error = error(api, identity);
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("eventVersion", "1.09");
      identity(g, identity, api);
      if (shape == Shape.GOOD) {
        g.writeStringField("eventTime", TIME.format(time));
      } else if (shape == Shape.BAD_TIME) {
        g.writeStringField("eventTime", badTime(time));
      }
      g.writeStringField("eventSource", api.source());
      if (shape != Shape.NO_EVENT) {
        g.writeStringField("eventName", api.name());
      }
      g.writeStringField("awsRegion", REGION);
      String ip;
      String agent;
      if (identity.who() == Who.SERVICE) {
        ip = api.source().equals("kms.amazonaws.com") ? "AWS Internal" : "ec2.amazonaws.com";
        agent = ip;
      } else if (identity.who() == Who.ROLE) {
        ip = webIp;
        agent = Randoms.oneOf(random, CLI_AGENTS.subList(1, 3));
      } else if (console) {
        ip = Randoms.publicIpv4(random);
        agent = CONSOLE_AGENT;
      } else {
        ip = random.nextInt(5) == 0 ? Randoms.ipv6(random) : Randoms.publicIpv4(random);
        agent = Randoms.oneOf(random, CLI_AGENTS);
      }
      g.writeStringField("sourceIPAddress", ip);
      g.writeStringField("userAgent", agent);
      if (error != null) {
        if (!console) {
          g.writeStringField("errorCode", error);
        }
        g.writeStringField("errorMessage", errorMessage(error, identity, api));
      }
      requestParameters(g, api, identity);
      if (console) {
        g.writeObjectFieldStart("responseElements");
        g.writeStringField("ConsoleLogin", error == null ? "Success" : "Failure");
        g.writeEndObject();
        g.writeObjectFieldStart("additionalEventData");
        g.writeStringField("MFAUsed", random.nextBoolean() ? "Yes" : "No");
        g.writeEndObject();
      } else {
        g.writeNullField("responseElements");
      }
      g.writeStringField("requestID", Randoms.uuid(random));
      g.writeStringField("eventID", Randoms.uuid(random));
      g.writeBooleanField("readOnly", api.readOnly());
      g.writeStringField("eventType", console ? "AwsConsoleSignIn" : "AwsApiCall");
      g.writeBooleanField("managementEvent", api.category().equals("Management"));
      g.writeStringField("recipientAccountId", ACCOUNT);
      g.writeStringField("eventCategory", api.category());
      if (!console && identity.who() != Who.SERVICE) {
        g.writeObjectFieldStart("tlsDetails");
        g.writeStringField("tlsVersion", "TLSv1.3");
        g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
        g.writeStringField("clientProvidedHostHeader",
            api.source().replace(".amazonaws.com", "." + REGION + ".amazonaws.com"));
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void identity(JsonGenerator g, Identity id, Api api) throws IOException {
    g.writeObjectFieldStart("userIdentity");
    switch (id.who()) {
      case USER -> {
        g.writeStringField("type", "IAMUser");
        g.writeStringField("principalId", id.principalId());
        g.writeStringField("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + id.name());
        g.writeStringField("accountId", ACCOUNT);
        if (!api.name().equals("ConsoleLogin")) {
          g.writeStringField("accessKeyId", id.accessKeyId());
        }
        g.writeStringField("userName", id.name());
      }
      case ROLE -> {
        String session = "i-" + Randoms.oneOf(random, instanceIds);
        g.writeStringField("type", "AssumedRole");
        g.writeStringField("principalId", id.principalId() + ":" + session);
        g.writeStringField("arn",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + id.name() + "/" + session);
        g.writeStringField("accountId", ACCOUNT);
        g.writeStringField("accessKeyId", id.accessKeyId());
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("sessionIssuer");
        g.writeStringField("type", "Role");
        g.writeStringField("principalId", id.principalId());
        g.writeStringField("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + id.name());
        g.writeStringField("accountId", ACCOUNT);
        g.writeStringField("userName", id.name());
        g.writeEndObject();
        g.writeObjectFieldStart("attributes");
        g.writeStringField("creationDate", "2026-11-20T09:00:00Z");
        g.writeStringField("mfaAuthenticated", "false");
        g.writeEndObject();
        g.writeEndObject();
      }
      case SERVICE -> {
        g.writeStringField("type", "AWSService");
        g.writeStringField("invokedBy", api.source().equals("kms.amazonaws.com")
            ? "AWS Internal" : "ec2.amazonaws.com");
      }
    }
    g.writeEndObject();
  }

  private void requestParameters(JsonGenerator g, Api api, Identity id) throws IOException {
    switch (api.name()) {
      case "GetObject", "PutObject" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("bucketName", Randoms.oneOf(random, BUCKETS));
        g.writeStringField("Host", "s3." + REGION + ".amazonaws.com");
        g.writeStringField("key", "2026/11/20/part-" + Randoms.hex(random, 8) + ".json.gz");
        g.writeEndObject();
      }
      case "ListObjects" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("bucketName", Randoms.oneOf(random, BUCKETS));
        g.writeStringField("prefix", "2026/11/");
        g.writeEndObject();
      }
      case "StartInstances", "StopInstances", "DescribeInstances" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeObjectFieldStart("instancesSet");
        g.writeArrayFieldStart("items");
        g.writeStartObject();
        g.writeStringField("instanceId", "i-" + Randoms.oneOf(random, instanceIds));
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
      }
      case "AuthorizeSecurityGroupIngress" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("groupId", "sg-0" + Randoms.hex(random, 16));
        g.writeStringField("cidrIp", random.nextBoolean() ? "0.0.0.0/0" : "10.0.0.0/16");
        g.writeNumberField("fromPort", random.nextBoolean() ? 22 : 443);
        g.writeEndObject();
      }
      case "AssumeRole" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/"
            + Randoms.oneOf(random, ROLES).name());
        g.writeStringField("roleSessionName", "i-" + Randoms.oneOf(random, instanceIds));
        g.writeNumberField("durationSeconds", 3600);
        g.writeEndObject();
      }
      case "Decrypt" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        g.writeStringField("keyId", "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/"
            + Randoms.uuid(random));
        g.writeEndObject();
      }
      case "CreateAccessKey", "AttachRolePolicy" -> {
        g.writeObjectFieldStart("requestParameters");
        if (api.name().equals("CreateAccessKey")) {
          g.writeStringField("userName", id.name() == null ? "ci-deployer" : id.name());
        } else {
          g.writeStringField("roleName", Randoms.oneOf(random, ROLES).name());
          g.writeStringField("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
        }
        g.writeEndObject();
      }
      case "Invoke" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("functionName", "arn:aws:lambda:" + REGION + ":" + ACCOUNT
            + ":function:logyard-thumbnailer");
        g.writeEndObject();
      }
      case "DescribeTargetHealth" -> {
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("targetGroupArn", "arn:aws:elasticloadbalancing:" + REGION + ":"
            + ACCOUNT + ":targetgroup/logyard-web-targets/73e2d6bc24d8a067");
        g.writeEndObject();
      }
      default -> g.writeNullField("requestParameters");
    }
  }

  /** An error code for a share of calls: denied writes and IAM changes, throttling, failures. */
  private String error(Api api, Identity id) {
    int roll = random.nextInt(1000);
    if (api.name().equals("ConsoleLogin")) {
      return roll < 150 ? "Failed authentication" : null;
    }
    if (!api.readOnly() && id.who() == Who.USER && !id.name().equals("ci-deployer")
        && api.source().equals("iam.amazonaws.com")) {
      return roll < 600 ? "AccessDenied" : null;
    }
    if (roll < 25) {
      return api.source().equals("s3.amazonaws.com") ? "AccessDenied"
          : api.source().equals("ec2.amazonaws.com") ? "Client.UnauthorizedOperation"
          : "AccessDenied";
    }
    if (roll < 35) {
      return "ThrottlingException";
    }
    if (roll < 40 && api.source().equals("s3.amazonaws.com")) {
      return "NoSuchKey";
    }
    return null;
  }

  private static String errorMessage(String error, Identity id, Api api) {
    String who = id.who() == Who.USER
        ? "arn:aws:iam::" + ACCOUNT + ":user/" + id.name() : "the caller";
    return switch (error) {
      case "Failed authentication" -> "Failed authentication";
      case "ThrottlingException" -> "Rate exceeded";
      case "NoSuchKey" -> "The specified key does not exist.";
      default -> "User: " + who + " is not authorized to perform: "
          + api.source().substring(0, api.source().indexOf('.')) + ":" + api.name();
    };
  }

  /** Day 32, hour 25, month 13, or no time at all. */
  private String badTime(Instant time) {
    String good = TIME.format(time);
    return switch (random.nextInt(4)) {
      case 0 -> good.substring(0, 8) + "32" + good.substring(10);
      case 1 -> good.substring(0, 11) + "25" + good.substring(13);
      case 2 -> good.substring(0, 5) + "13" + good.substring(7);
      default -> "unknown";
    };
  }
}
