package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import io.paddock.txn.Zxid;
import java.util.ArrayList;
import java.util.List;

/**
 * The tail of this peer's log that the core keeps in memory: every transaction after {@link
 * #baseZxid()}, in strictly increasing zxid order. It always holds every uncommitted transaction
 * and every committed one the embedding has not been handed yet; beyond that it keeps up to {@code
 * historyMax} committed transactions so that a learner a little behind gets a DIFF rather than a
 * snapshot.
 *
 * <p>The base is a zxid this peer has (a snapshot's zxid or the last transaction trimmed away);
 * zero for an empty log.
 */
public final class History {
  private final ArrayList<Txn> entries = new ArrayList<>();
  private int start;
  private long baseZxid;

  /** A history of {@code log}, which comes right after {@code baseZxid}. */
  public History(long baseZxid, List<Txn> log) {
    this.baseZxid = baseZxid;
    for (Txn txn : log) {
      append(txn);
    }
  }

  /** The zxid right before the first entry kept in memory. */
  public long baseZxid() {
    return baseZxid;
  }

  /** The last zxid of the log, or the base if nothing follows it. */
  public long lastZxid() {
    return size() == 0 ? baseZxid : entries.get(entries.size() - 1).zxid();
  }

  /** How many transactions are in memory. */
  public int size() {
    return entries.size() - start;
  }

  /** Appends a transaction, which must come after the last one. */
  public void append(Txn txn) {
    long last = lastZxid();
    if (txn.zxid() <= last) {
      throw new IllegalStateException(
          "appending zxid " + Zxid.toHex(txn.zxid()) + " after " + Zxid.toHex(last));
    }
    entries.add(txn);
  }

  /** The transaction at {@code zxid}, or null if it is not in memory. */
  public Txn get(long zxid) {
    int i = indexOf(zxid);
    return i < 0 ? null : entries.get(i);
  }

  /** True if the log provably reaches exactly {@code zxid}: the base or an entry in memory. */
  public boolean containsPoint(long zxid) {
    return zxid == baseZxid || indexOf(zxid) >= 0;
  }

  /**
   * The largest point (base or entry) at or below {@code zxid}, or -1 if {@code zxid} is below the
   * base.
   */
  public long floor(long zxid) {
    if (zxid < baseZxid) {
      return -1;
    }
    int lo = start;
    int hi = entries.size() - 1;
    long best = baseZxid;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long z = entries.get(mid).zxid();
      if (z <= zxid) {
        best = z;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }

  /**
   * The zxid of the entry right before {@code zxid} (or the base); {@code zxid} must be an entry.
   */
  public long previous(long zxid) {
    int i = indexOf(zxid);
    if (i < 0) {
      throw new IllegalArgumentException("zxid " + Zxid.toHex(zxid) + " is not in memory");
    }
    return i == start ? baseZxid : entries.get(i - 1).zxid();
  }

  /**
   * At most {@code max} entries with zxids in {@code (after, upTo]}; {@code after} must be a point
   * of this history.
   */
  public List<Txn> range(long after, long upTo, int max) {
    int from;
    if (after == baseZxid) {
      from = start;
    } else {
      int at = indexOf(after);
      if (at < 0) {
        throw new IllegalArgumentException(
            "zxid " + Zxid.toHex(after) + " is not a point of the history");
      }
      from = at + 1;
    }
    List<Txn> out = new ArrayList<>();
    for (int i = from; i < entries.size() && out.size() < max; i++) {
      Txn txn = entries.get(i);
      if (txn.zxid() > upTo) {
        break;
      }
      out.add(txn);
    }
    return out;
  }

  /** How many entries come after {@code zxid}. */
  public int countAfter(long zxid) {
    int lo = start;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).zxid() <= zxid) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return entries.size() - lo;
  }

  /** Drops everything after {@code zxid}, which must be a point of this history. */
  public void truncateAfter(long zxid) {
    if (!containsPoint(zxid)) {
      throw new IllegalStateException(
          "truncating to "
              + Zxid.toHex(zxid)
              + ", which is not in the log (base "
              + Zxid.toHex(baseZxid)
              + ", last "
              + Zxid.toHex(lastZxid())
              + ")");
    }
    int keep = zxid == baseZxid ? start : indexOf(zxid) + 1;
    entries.subList(keep, entries.size()).clear();
  }

  /** Forgets everything: the log now starts right after {@code zxid} (a snapshot was installed). */
  public void reset(long zxid) {
    entries.clear();
    start = 0;
    baseZxid = zxid;
  }

  /** Forgets the oldest entries at or below {@code upTo} while more than {@code keep} remain. */
  public void trim(long upTo, int keep) {
    while (size() > keep && entries.get(start).zxid() <= upTo) {
      baseZxid = entries.get(start).zxid();
      entries.set(start, null);
      start++;
    }
    if (start > 64 && start * 2 > entries.size()) {
      entries.subList(0, start).clear();
      start = 0;
    }
  }

  private int indexOf(long zxid) {
    int lo = start;
    int hi = entries.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long z = entries.get(mid).zxid();
      if (z == zxid) {
        return mid;
      }
      if (z < zxid) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }
}
