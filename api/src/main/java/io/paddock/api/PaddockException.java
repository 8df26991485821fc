package io.paddock.api;

import java.util.List;

/**
 * A failed operation: carries its {@link ErrorCode}, the path it concerned (if any) and, for a
 * failed {@code multi}, the per-op results. There is one nested subclass per error code, so callers
 * can catch exactly the failures they handle ({@code catch (PaddockException.NoNode e)}).
 */
public class PaddockException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String path;

  /** Set once, by {@link #withResults}, before the exception is thrown. */
  private List<OpResult> results = List.of();

  /** Creates an exception for {@code code}; prefer {@link #create(ErrorCode, String)}. */
  protected PaddockException(ErrorCode code, String path) {
    super(message(code, path));
    this.code = code;
    this.path = path;
  }

  private static String message(ErrorCode code, String path) {
    String text = "KeeperErrorCode = " + describe(code);
    return path == null ? text : text + " for " + path;
  }

  /** ZooKeeper's human-readable wording for a code, which users and scripts recognise. */
  public static String describe(ErrorCode code) {
    return switch (code) {
      case OK -> "ok";
      case SYSTEM_ERROR -> "SystemError";
      case RUNTIME_INCONSISTENCY -> "RuntimeInconsistency";
      case DATA_INCONSISTENCY -> "DataInconsistency";
      case CONNECTION_LOSS -> "ConnectionLoss";
      case MARSHALLING_ERROR -> "MarshallingError";
      case UNIMPLEMENTED -> "Unimplemented";
      case OPERATION_TIMEOUT -> "OperationTimeout";
      case BAD_ARGUMENTS -> "BadArguments";
      case UNKNOWN_SESSION -> "Unknown session";
      case NEW_CONFIG_NO_QUORUM -> "NewConfigNoQuorum";
      case RECONFIG_IN_PROGRESS -> "ReconfigInProgress";
      case API_ERROR -> "APIError";
      case NO_NODE -> "NoNode";
      case NO_AUTH -> "NoAuth";
      case BAD_VERSION -> "BadVersion";
      case NO_CHILDREN_FOR_EPHEMERALS -> "NoChildrenForEphemerals";
      case NODE_EXISTS -> "NodeExists";
      case NOT_EMPTY -> "Directory not empty";
      case SESSION_EXPIRED -> "Session expired";
      case INVALID_CALLBACK -> "Invalid callback";
      case INVALID_ACL -> "InvalidACL";
      case AUTH_FAILED -> "AuthFailed";
      case SESSION_MOVED -> "Session moved";
      case NOT_READ_ONLY -> "Not a read-only call";
      case EPHEMERAL_ON_LOCAL_SESSION -> "Ephemeral node on local session";
      case NO_WATCHER -> "No such watcher";
      case REQUEST_TIMEOUT -> "Request timeout";
      case RECONFIG_DISABLED -> "Reconfig is disabled";
      case SESSION_CLOSED_REQUIRE_SASL_AUTH ->
          "Session closed because client failed to authenticate";
      case QUOTA_EXCEEDED -> "Quota has exceeded";
      case THROTTLED_OP -> "Op throttled due to high load";
    };
  }

  /** The error code. */
  public ErrorCode code() {
    return code;
  }

  /** The path the failure concerns, or null. */
  public String path() {
    return path;
  }

  /** For a failed multi: one result per op, the failing one and the rest as errors; else empty. */
  public List<OpResult> results() {
    return results;
  }

  /** Returns a new exception of the same type carrying the per-op results of a failed multi. */
  public PaddockException withResults(List<OpResult> opResults) {
    PaddockException copy = create(code, path);
    copy.results = List.copyOf(opResults);
    return copy;
  }

  /**
   * The exception type for {@code code}.
   *
   * @throws IllegalArgumentException for {@link ErrorCode#OK}, which is not a failure
   */
  public static PaddockException create(ErrorCode code, String path) {
    return switch (code) {
      case OK -> throw new IllegalArgumentException("OK is not an error");
      case SYSTEM_ERROR -> new SystemError(path);
      case RUNTIME_INCONSISTENCY -> new RuntimeInconsistency(path);
      case DATA_INCONSISTENCY -> new DataInconsistency(path);
      case CONNECTION_LOSS -> new ConnectionLoss(path);
      case MARSHALLING_ERROR -> new MarshallingError(path);
      case UNIMPLEMENTED -> new Unimplemented(path);
      case OPERATION_TIMEOUT -> new OperationTimeout(path);
      case BAD_ARGUMENTS -> new BadArguments(path);
      case UNKNOWN_SESSION -> new UnknownSession(path);
      case NEW_CONFIG_NO_QUORUM -> new NewConfigNoQuorum(path);
      case RECONFIG_IN_PROGRESS -> new ReconfigInProgress(path);
      case API_ERROR -> new ApiError(path);
      case NO_NODE -> new NoNode(path);
      case NO_AUTH -> new NoAuth(path);
      case BAD_VERSION -> new BadVersion(path);
      case NO_CHILDREN_FOR_EPHEMERALS -> new NoChildrenForEphemerals(path);
      case NODE_EXISTS -> new NodeExists(path);
      case NOT_EMPTY -> new NotEmpty(path);
      case SESSION_EXPIRED -> new SessionExpired(path);
      case INVALID_CALLBACK -> new InvalidCallback(path);
      case INVALID_ACL -> new InvalidAcl(path);
      case AUTH_FAILED -> new AuthFailed(path);
      case SESSION_MOVED -> new SessionMoved(path);
      case NOT_READ_ONLY -> new NotReadOnly(path);
      case EPHEMERAL_ON_LOCAL_SESSION -> new EphemeralOnLocalSession(path);
      case NO_WATCHER -> new NoWatcher(path);
      case REQUEST_TIMEOUT -> new RequestTimeout(path);
      case RECONFIG_DISABLED -> new ReconfigDisabled(path);
      case SESSION_CLOSED_REQUIRE_SASL_AUTH -> new SessionClosedRequireSaslAuth(path);
      case QUOTA_EXCEEDED -> new QuotaExceeded(path);
      case THROTTLED_OP -> new ThrottledOp(path);
    };
  }

  /** {@link ErrorCode#SYSTEM_ERROR}. */
  public static final class SystemError extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public SystemError(String path) {
      super(ErrorCode.SYSTEM_ERROR, path);
    }
  }

  /** {@link ErrorCode#RUNTIME_INCONSISTENCY}. */
  public static final class RuntimeInconsistency extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public RuntimeInconsistency(String path) {
      super(ErrorCode.RUNTIME_INCONSISTENCY, path);
    }
  }

  /** {@link ErrorCode#DATA_INCONSISTENCY}. */
  public static final class DataInconsistency extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public DataInconsistency(String path) {
      super(ErrorCode.DATA_INCONSISTENCY, path);
    }
  }

  /** {@link ErrorCode#CONNECTION_LOSS}. */
  public static final class ConnectionLoss extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public ConnectionLoss(String path) {
      super(ErrorCode.CONNECTION_LOSS, path);
    }
  }

  /** {@link ErrorCode#MARSHALLING_ERROR}. */
  public static final class MarshallingError extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public MarshallingError(String path) {
      super(ErrorCode.MARSHALLING_ERROR, path);
    }
  }

  /** {@link ErrorCode#UNIMPLEMENTED}. */
  public static final class Unimplemented extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public Unimplemented(String path) {
      super(ErrorCode.UNIMPLEMENTED, path);
    }
  }

  /** {@link ErrorCode#OPERATION_TIMEOUT}. */
  public static final class OperationTimeout extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public OperationTimeout(String path) {
      super(ErrorCode.OPERATION_TIMEOUT, path);
    }
  }

  /** {@link ErrorCode#BAD_ARGUMENTS}. */
  public static final class BadArguments extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public BadArguments(String path) {
      super(ErrorCode.BAD_ARGUMENTS, path);
    }
  }

  /** {@link ErrorCode#UNKNOWN_SESSION}. */
  public static final class UnknownSession extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public UnknownSession(String path) {
      super(ErrorCode.UNKNOWN_SESSION, path);
    }
  }

  /** {@link ErrorCode#NEW_CONFIG_NO_QUORUM}. */
  public static final class NewConfigNoQuorum extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NewConfigNoQuorum(String path) {
      super(ErrorCode.NEW_CONFIG_NO_QUORUM, path);
    }
  }

  /** {@link ErrorCode#RECONFIG_IN_PROGRESS}. */
  public static final class ReconfigInProgress extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public ReconfigInProgress(String path) {
      super(ErrorCode.RECONFIG_IN_PROGRESS, path);
    }
  }

  /** {@link ErrorCode#API_ERROR}. */
  public static final class ApiError extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public ApiError(String path) {
      super(ErrorCode.API_ERROR, path);
    }
  }

  /** {@link ErrorCode#NO_NODE}. */
  public static final class NoNode extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NoNode(String path) {
      super(ErrorCode.NO_NODE, path);
    }
  }

  /** {@link ErrorCode#NO_AUTH}. */
  public static final class NoAuth extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NoAuth(String path) {
      super(ErrorCode.NO_AUTH, path);
    }
  }

  /** {@link ErrorCode#BAD_VERSION}. */
  public static final class BadVersion extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public BadVersion(String path) {
      super(ErrorCode.BAD_VERSION, path);
    }
  }

  /** {@link ErrorCode#NO_CHILDREN_FOR_EPHEMERALS}. */
  public static final class NoChildrenForEphemerals extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NoChildrenForEphemerals(String path) {
      super(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS, path);
    }
  }

  /** {@link ErrorCode#NODE_EXISTS}. */
  public static final class NodeExists extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NodeExists(String path) {
      super(ErrorCode.NODE_EXISTS, path);
    }
  }

  /** {@link ErrorCode#NOT_EMPTY}. */
  public static final class NotEmpty extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NotEmpty(String path) {
      super(ErrorCode.NOT_EMPTY, path);
    }
  }

  /** {@link ErrorCode#SESSION_EXPIRED}. */
  public static final class SessionExpired extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public SessionExpired(String path) {
      super(ErrorCode.SESSION_EXPIRED, path);
    }
  }

  /** {@link ErrorCode#INVALID_CALLBACK}. */
  public static final class InvalidCallback extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public InvalidCallback(String path) {
      super(ErrorCode.INVALID_CALLBACK, path);
    }
  }

  /** {@link ErrorCode#INVALID_ACL}. */
  public static final class InvalidAcl extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public InvalidAcl(String path) {
      super(ErrorCode.INVALID_ACL, path);
    }
  }

  /** {@link ErrorCode#AUTH_FAILED}. */
  public static final class AuthFailed extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public AuthFailed(String path) {
      super(ErrorCode.AUTH_FAILED, path);
    }
  }

  /** {@link ErrorCode#SESSION_MOVED}. */
  public static final class SessionMoved extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public SessionMoved(String path) {
      super(ErrorCode.SESSION_MOVED, path);
    }
  }

  /** {@link ErrorCode#NOT_READ_ONLY}. */
  public static final class NotReadOnly extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NotReadOnly(String path) {
      super(ErrorCode.NOT_READ_ONLY, path);
    }
  }

  /** {@link ErrorCode#EPHEMERAL_ON_LOCAL_SESSION}. */
  public static final class EphemeralOnLocalSession extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public EphemeralOnLocalSession(String path) {
      super(ErrorCode.EPHEMERAL_ON_LOCAL_SESSION, path);
    }
  }

  /** {@link ErrorCode#NO_WATCHER}. */
  public static final class NoWatcher extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public NoWatcher(String path) {
      super(ErrorCode.NO_WATCHER, path);
    }
  }

  /** {@link ErrorCode#REQUEST_TIMEOUT}. */
  public static final class RequestTimeout extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public RequestTimeout(String path) {
      super(ErrorCode.REQUEST_TIMEOUT, path);
    }
  }

  /** {@link ErrorCode#RECONFIG_DISABLED}. */
  public static final class ReconfigDisabled extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public ReconfigDisabled(String path) {
      super(ErrorCode.RECONFIG_DISABLED, path);
    }
  }

  /** {@link ErrorCode#SESSION_CLOSED_REQUIRE_SASL_AUTH}. */
  public static final class SessionClosedRequireSaslAuth extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public SessionClosedRequireSaslAuth(String path) {
      super(ErrorCode.SESSION_CLOSED_REQUIRE_SASL_AUTH, path);
    }
  }

  /** {@link ErrorCode#QUOTA_EXCEEDED}. */
  public static final class QuotaExceeded extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public QuotaExceeded(String path) {
      super(ErrorCode.QUOTA_EXCEEDED, path);
    }
  }

  /** {@link ErrorCode#THROTTLED_OP}. */
  public static final class ThrottledOp extends PaddockException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code path} (may be null). */
    public ThrottledOp(String path) {
      super(ErrorCode.THROTTLED_OP, path);
    }
  }
}
