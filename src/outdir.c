/* outdir.c: the results folder as a whole: the -o path checked before any
 * work, a lock beside it, and a temporary folder moved into place only when
 * complete, never replacing anything but an earlier results folder. */
#include "orgsim/outdir.h"
#include "orgsim/common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct OsimOutdir
{
  char *target, *parent, *base, *tmp, *lock_path;
  int lock_fd;
  gboolean committed;
};

static gboolean
usage (GError **error, const char *option, const char *target, const char *what)
{
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE, "%s: '%s' %s", option, target,
               what);
  return FALSE;
}

/* ---- the path ---- */

char *
osim_outdir_normalise (const char *target, const char *option, GError **error)
{
  if (target == NULL || target[0] == '\0')
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: empty folder name; give a folder, e.g. %s results/NAME", option, option);
      return NULL;
    }
  g_auto (GStrv) parts = g_strsplit (target, "/", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  gboolean named = FALSE; /* a component other than ".." kept */
  for (int i = 0; parts[i]; i++)
    {
      const char *c = parts[i];
      if (c[0] == '\0' || strcmp (c, ".") == 0)
        continue;
      if (strcmp (c, "..") == 0 && named)
        {
          usage (error, option, target,
                 "has '..' after a folder name, which may resolve elsewhere than it reads; "
                 "give the path without it");
          return NULL;
        }
      named = named || strcmp (c, "..") != 0;
      g_ptr_array_add (kept, (gpointer) c);
    }
  if (!named)
    {
      usage (error, option, target, "names no new folder; give a folder name, e.g. results/NAME");
      return NULL;
    }
  const char *last = kept->pdata[kept->len - 1];
  if (strlen (last) > OSIM_OUTDIR_NAME_MAX)
    {
      g_autofree char *what = g_strdup_printf (
          "ends in a name of %zu bytes; at most %d fit beside the temporary folder: give a "
          "shorter name",
          strlen (last), OSIM_OUTDIR_NAME_MAX);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE, "%s: %.40s...: %s", option,
                   target, what);
      return NULL;
    }
  g_ptr_array_add (kept, NULL);
  g_autofree char *joined = g_strjoinv ("/", (char **) kept->pdata);
  return target[0] == '/' ? g_strconcat ("/", joined, NULL) : g_steal_pointer (&joined);
}

/* ---- removing ---- */

static void
remove_at (int parent_fd, const char *name)
{
  if (unlinkat (parent_fd, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
    return;
  int fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return;
  DIR *d = fdopendir (fd);
  if (d == NULL)
    {
      close (fd);
      return;
    }
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    if (strcmp (e->d_name, ".") != 0 && strcmp (e->d_name, "..") != 0)
      remove_at (dirfd (d), e->d_name);
  closedir (d);
  unlinkat (parent_fd, name, AT_REMOVEDIR);
}

void
osim_remove_tree (const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  int fd = open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return;
  remove_at (fd, base);
  close (fd);
}

/* ---- what may be replaced ---- */

static gboolean
is_regular_at (int dirfd, const char *name)
{
  struct stat st;
  return fstatat (dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode);
}

/* Whether @path is a real folder (not a symbolic link) that may be replaced
 * by new results: empty, or an orgsim results folder (scenario.ini and one
 * of summary.csv, robust.csv or shard.ini, all regular files). */
static gboolean
is_results_dir (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  DIR *d = fdopendir (fd);
  if (d == NULL)
    {
      close (fd);
      return FALSE;
    }
  gboolean empty = TRUE;
  struct dirent *e;
  while (empty && (e = readdir (d)) != NULL)
    empty = strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0;
  gboolean ok = empty
                || (is_regular_at (dirfd (d), "scenario.ini")
                    && (is_regular_at (dirfd (d), "summary.csv")
                        || is_regular_at (dirfd (d), "robust.csv")
                        || is_regular_at (dirfd (d), "shard.ini")));
  closedir (d);
  return ok;
}

/* Why @path may not be replaced, or NULL when it may (or does not exist). */
static const char *
refusal (const char *path)
{
  struct stat st;
  if (lstat (path, &st) != 0)
    return errno == ENOENT || errno == ENOTDIR ? NULL : "cannot be examined; not replacing it";
  if (S_ISLNK (st.st_mode))
    return "is a symbolic link; give the folder itself (orgsim replaces only a real "
           "results folder)";
  if (!S_ISDIR (st.st_mode))
    return "exists and is not a folder; not replacing it";
  if (!is_results_dir (path))
    return "is a folder holding other files, not orgsim results; not replacing it (give -o "
           "a new folder or an earlier results folder)";
  return NULL;
}

/* ---- the lock ---- */

/* What a lock file orgsim makes holds: one left by a killed run is known by
 * it and removed by the next; any other file of that name is left alone. */
#define LOCK_SIGNATURE "orgsim results folder lock\n"

static gboolean
is_orgsim_lock (int fd)
{
  char buf[64];
  ssize_t n = pread (fd, buf, sizeof buf, 0);
  return n == (ssize_t) strlen (LOCK_SIGNATURE) && memcmp (buf, LOCK_SIGNATURE, (size_t) n) == 0;
}

/* Takes the lock file beside the target: flock on .NAME.lock, checked to be
 * the file still at that path (a finishing run unlinks it while holding
 * it). */
static gboolean
take_lock (OsimOutdir *od, GError **error)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      int fd = open (od->lock_path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (fd >= 0 && write (fd, LOCK_SIGNATURE, strlen (LOCK_SIGNATURE)) < 0)
        {
          /* Still a lock; without the signature it stays behind. */
        }
      if (fd < 0 && errno == EEXIST)
        fd = open (od->lock_path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        return osim_io_error (error, od->target, "cannot create the lock file beside it", errno);
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int err = errno;
          close (fd);
          if (err != EWOULDBLOCK)
            return osim_io_error (error, od->lock_path, "cannot lock", err);
          g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO,
                       "another orgsim run holds %s (it is writing its results there); wait "
                       "for it to finish or give another folder",
                       od->target);
          return FALSE;
        }
      struct stat held, now;
      if (fstat (fd, &held) == 0 && stat (od->lock_path, &now) == 0
          && held.st_dev == now.st_dev && held.st_ino == now.st_ino)
        {
          od->lock_fd = fd;
          return TRUE;
        }
      close (fd);
    }
  return osim_io_error (error, od->lock_path, "cannot lock", EAGAIN);
}

static void
release_lock (OsimOutdir *od)
{
  if (od->lock_fd < 0)
    return;
  /* Checked now, not when locked: a run that made the file may write the
   * signature after another run took the lock. */
  if (is_orgsim_lock (od->lock_fd))
    g_unlink (od->lock_path);
  close (od->lock_fd);
  od->lock_fd = -1;
}

/* Whether @name is a temporary folder name orgsim makes beside @base with
 * @kind ("tmp" or "old"): ".BASE.KIND-XXXXXX". */
static gboolean
is_leftover (const char *name, const char *base, const char *kind)
{
  gsize nb = strlen (base), nk = strlen (kind);
  return name[0] == '.' && strncmp (name + 1, base, nb) == 0 && name[1 + nb] == '.'
         && strncmp (name + 2 + nb, kind, nk) == 0 && name[2 + nb + nk] == '-'
         && strlen (name + 3 + nb + nk) == 6;
}

/* Under the lock no live run writes beside the target: what is there was
 * left by a run that died (SIGKILL, power loss).  A folder moved aside and
 * never replaced goes back; the rest is removed. */
static void
clean_leftovers (OsimOutdir *od)
{
  g_autoptr (GDir) d = g_dir_open (od->parent, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *n;
  while (d && (n = g_dir_read_name (d)) != NULL)
    if (is_leftover (n, od->base, "tmp") || is_leftover (n, od->base, "old"))
      g_ptr_array_add (names, g_strdup (n));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (od->parent, names->pdata[i], NULL);
      struct stat st;
      if (lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
        continue;
      if (is_leftover (names->pdata[i], od->base, "old") && lstat (od->target, &st) != 0
          && errno == ENOENT && g_rename (path, od->target) == 0)
        continue;
      osim_remove_tree (path);
    }
}

/* ---- begin, commit ---- */

OsimOutdir *
osim_outdir_begin (const char *target, const char *option, GError **error)
{
  g_autofree char *norm = osim_outdir_normalise (target, option, error);
  if (norm == NULL)
    return NULL;
  g_autoptr (OsimOutdir) od = g_new0 (OsimOutdir, 1);
  od->lock_fd = -1;
  od->target = g_steal_pointer (&norm);
  od->parent = g_path_get_dirname (od->target);
  od->base = g_path_get_basename (od->target);
  od->lock_path = g_strdup_printf ("%s/.%s.lock", od->parent, od->base);
  const char *why = refusal (od->target);
  if (why)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: %s", od->target, why);
      return NULL;
    }
  if (g_mkdir_with_parents (od->parent, 0755) != 0)
    {
      osim_io_error (error, od->target, "cannot create the folder it goes in", errno);
      return NULL;
    }
  if (!take_lock (od, error))
    return NULL;
  clean_leftovers (od);
  /* Again under the lock: a leftover may have been restored. */
  why = refusal (od->target);
  if (why)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: %s", od->target, why);
      return NULL;
    }
  char *tmpl = g_strdup_printf ("%s/.%s.tmp-XXXXXX", od->parent, od->base);
  /* g_mkdtemp_full gives the mode a results folder should have (mkdtemp's
   * own 0700 would hide results from the rest of a shared cluster). */
  if (g_mkdtemp_full (tmpl, 0755) == NULL)
    {
      int err = errno;
      g_free (tmpl);
      osim_io_error (error, od->target, "cannot create a temporary folder beside it", err);
      return NULL;
    }
  od->tmp = tmpl;
  return g_steal_pointer (&od);
}

const char *
osim_outdir_tmp (const OsimOutdir *od)
{
  return od->tmp;
}

const char *
osim_outdir_target (const OsimOutdir *od)
{
  return od->target;
}

/* Without RENAME_EXCHANGE (some file systems): the earlier folder is moved
 * aside, the new one in, and only then the old one removed; a run killed in
 * between leaves .NAME.old-*, which the next run restores or removes. */
static gboolean
commit_by_moving_aside (OsimOutdir *od, GError **error)
{
  g_autofree char *old = g_strdup_printf ("%s/.%s.old-XXXXXX", od->parent, od->base);
  if (g_mkdtemp (old) == NULL || g_rmdir (old) != 0)
    return osim_io_error (error, od->target, "cannot make room beside it", errno);
  if (g_rename (od->target, old) != 0)
    return osim_io_error (error, od->target, "cannot move the earlier results aside", errno);
  if (!is_results_dir (old))
    {
      g_rename (old, od->target);
      return osim_io_error (error, od->target, "changed during the run; not replacing it", EEXIST);
    }
  if (g_rename (od->tmp, od->target) != 0)
    {
      int err = errno;
      g_rename (old, od->target);
      return osim_io_error (error, od->target, "cannot move the results into place", err);
    }
  osim_remove_tree (old);
  return TRUE;
}

gboolean
osim_outdir_commit (OsimOutdir *od, GError **error)
{
  if (renameat2 (AT_FDCWD, od->tmp, AT_FDCWD, od->target, RENAME_NOREPLACE) == 0)
    return od->committed = TRUE;
  if (errno != EEXIST && errno != EINVAL && errno != ENOSYS)
    return osim_io_error (error, od->target, "cannot move the results into place", errno);
  /* Something is there: check it again now, just before replacing it. */
  const char *why = refusal (od->target);
  if (why)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO,
                   "%s: appeared or changed during the run and %s", od->target, why);
      return FALSE;
    }
  if (renameat2 (AT_FDCWD, od->tmp, AT_FDCWD, od->target, RENAME_EXCHANGE) != 0)
    {
      if (errno != EINVAL && errno != ENOSYS)
        return osim_io_error (error, od->target, "cannot move the results into place", errno);
      if (!commit_by_moving_aside (od, error))
        return FALSE;
      return od->committed = TRUE;
    }
  /* The earlier folder is now at the temporary name.  Had it been replaced
   * by something else between the check and the exchange, swap back. */
  if (!is_results_dir (od->tmp))
    {
      renameat2 (AT_FDCWD, od->tmp, AT_FDCWD, od->target, RENAME_EXCHANGE);
      return osim_io_error (error, od->target, "changed during the run; not replacing it", EEXIST);
    }
  osim_remove_tree (od->tmp);
  return od->committed = TRUE;
}

void
osim_outdir_free (OsimOutdir *od)
{
  if (od == NULL)
    return;
  if (od->tmp && !od->committed)
    osim_remove_tree (od->tmp);
  release_lock (od);
  g_free (od->target);
  g_free (od->parent);
  g_free (od->base);
  g_free (od->tmp);
  g_free (od->lock_path);
  g_free (od);
}

/* ---- files ---- */

gboolean
osim_write_file (const char *dir, const char *name, const char *contents, gssize len,
                 GError **error)
{
  return osim_write_file_parts (dir, name, &contents, &len, 1, error);
}

gboolean
osim_write_file_parts (const char *dir, const char *name, const char *const *parts,
                       const gssize *lens, gsize n, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *f = fopen (path, "wb");
  if (f == NULL)
    return osim_io_error (error, path, "cannot write", errno);
  gboolean ok = TRUE;
  for (gsize i = 0; ok && i < n; i++)
    {
      gsize len = lens[i] < 0 ? strlen (parts[i]) : (gsize) lens[i];
      ok = fwrite (parts[i], 1, len, f) == len;
    }
  int err = errno;
  if (fclose (f) != 0 && ok)
    ok = FALSE, err = errno;
  if (!ok)
    return osim_io_error (error, path, "write failed", err);
  return TRUE;
}

static const char *
file_kind (mode_t mode)
{
  if (S_ISLNK (mode))
    return "is a symbolic link, not a file orgsim wrote; refusing to follow it";
  if (S_ISDIR (mode))
    return "is a folder, not a file orgsim wrote";
  return "is a FIFO, socket or device, not a file orgsim wrote; refusing to read it";
}

gboolean
osim_read_regular_file (const char *path, gsize max, char **data, gsize *len, GError **error)
{
  struct stat st;
  if (lstat (path, &st) != 0)
    return osim_shards_error (error, "%s: %s", path,
                              errno == ENOENT ? "missing; the shard folder is incomplete"
                                              : g_strerror (errno));
  if (!S_ISREG (st.st_mode))
    return osim_shards_error (error, "%s: %s", path, file_kind (st.st_mode));
  /* O_NONBLOCK: a FIFO put there after the check does not hang the read. */
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return osim_shards_error (error, "%s: %s", path, g_strerror (errno));
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return osim_shards_error (error, "%s: %s", path, file_kind (st.st_mode));
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      g_autofree char *what = g_strdup_printf (
          "%.1f MiB, more than orgsim writes there (%.1f MiB); not a file orgsim wrote",
          st.st_size / 1048576.0, max / 1048576.0);
      return osim_shards_error (error, "%s: %s", path, what);
    }
  gsize size = (gsize) st.st_size, got = 0;
  char *buf = g_malloc (size + 1);
  while (got < size)
    {
      ssize_t r = read (fd, buf + got, size - got);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      got += (gsize) r;
    }
  close (fd);
  if (got != size)
    {
      g_free (buf);
      return osim_shards_error (error, "%s: changed while being read, or unreadable", path);
    }
  buf[size] = '\0';
  *data = buf;
  if (len)
    *len = size;
  return TRUE;
}

gboolean
osim_install_file (const char *from, const char *dest, GError **error)
{
  int fd = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  gboolean synced = fd >= 0 && fsync (fd) == 0;
  int saved = errno;
  if (fd >= 0)
    close (fd);
  if (synced && g_rename (from, dest) == 0)
    return TRUE;
  if (synced)
    saved = errno;
  return osim_io_error (error, dest, "cannot write", saved);
}
