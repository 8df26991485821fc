package io.paddock.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ZooKeeper's operation codes, the {@code type} of a {@link RequestHeader}, with ZooKeeper's exact
 * numbers. {@link #fromCode} returns {@code null} for numbers not listed here, so a server can
 * answer such a request with {@code UNIMPLEMENTED} instead of failing the connection.
 */
public enum OpCode {
  NOTIFICATION(0),
  CREATE(1),
  DELETE(2),
  EXISTS(3),
  GET_DATA(4),
  SET_DATA(5),
  GET_ACL(6),
  SET_ACL(7),
  GET_CHILDREN(8),
  SYNC(9),
  PING(11),
  GET_CHILDREN2(12),
  CHECK(13),
  MULTI(14),
  CREATE2(15),
  RECONFIG(16),
  CHECK_WATCHES(17),
  REMOVE_WATCHES(18),
  CREATE_CONTAINER(19),
  DELETE_CONTAINER(20),
  CREATE_TTL(21),
  MULTI_READ(22),
  AUTH(100),
  SET_WATCHES(101),
  SASL(102),
  GET_EPHEMERALS(103),
  GET_ALL_CHILDREN_NUMBER(104),
  SET_WATCHES2(105),
  ADD_WATCH(106),
  WHO_AM_I(107),
  CREATE_SESSION(-10),
  CLOSE_SESSION(-11),
  ERROR(-1);

  // Immutable after class init: no mutable statics.
  private static final Map<Integer, OpCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(OpCode::code, op -> op));

  private final int code;

  OpCode(int code) {
    this.code = code;
  }

  /** The number on the wire. */
  public int code() {
    return code;
  }

  /** The op with this number, or {@code null} if ZooKeeper 3.9 defines none. */
  public static OpCode fromCode(int code) {
    return BY_CODE.get(code);
  }

  /** May appear inside a {@link OpCode#MULTI} transaction. */
  public boolean isMultiWriteOp() {
    return switch (this) {
      case CREATE, CREATE2, CREATE_CONTAINER, CREATE_TTL, DELETE, SET_DATA, CHECK -> true;
      default -> false;
    };
  }

  /** May appear inside a {@link OpCode#MULTI_READ}. */
  public boolean isMultiReadOp() {
    return this == GET_CHILDREN || this == GET_DATA;
  }
}
