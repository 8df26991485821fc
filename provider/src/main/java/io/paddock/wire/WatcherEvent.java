package io.paddock.wire;

/**
 * Jute {@code WatcherEvent {int type; int state; ustring path}}: the body of a notification.
 *
 * @param type the event type number ({@code NodeCreated} = 1, ...)
 * @param state the keeper state number ({@code SyncConnected} = 3, ...)
 * @param path the znode path (chroot not stripped), or {@code null} for a state-only event
 */
public record WatcherEvent(int type, int state, String path) {
  public void write(JuteOutput out) {
    out.writeInt(type).writeInt(state).writeString(path);
  }

  public static WatcherEvent read(JuteInput in) {
    return new WatcherEvent(
        in.readInt("event.type"), in.readInt("event.state"), in.readString("event.path"));
  }
}
