/* outdir.h: the results folder as a whole: the -o path checked before any
 * work, a lock beside it, a temporary folder renamed into place only when
 * complete, and files read only when they are regular files. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest last component of -o, in bytes: the temporary folder and the
 * lock beside it add up to 12 bytes, and a name may have 255. */
#define OSIM_OUTDIR_NAME_MAX 240

/* @target as orgsim will use it: "." components and trailing slashes
 * dropped.  Refused (OSIM_INPUT_ERROR_USAGE, naming @option): an empty
 * path, one that names no new folder (".", ".."), ".." after a folder name
 * (it would resolve through a folder that may not exist), and a last
 * component longer than OSIM_OUTDIR_NAME_MAX. */
char *osim_outdir_normalise (const char *target, const char *option, GError **error);

typedef struct OsimOutdir OsimOutdir;

/* Normalises @target, creates the folder it goes in, takes the lock file
 * beside it (.NAME.lock, flock; OSIM_RUN_ERROR_IO "another orgsim run holds
 * ..." when held; a lock file orgsim made holds a signature and is removed
 * when done, any other file of that name is only locked), removes what dead runs left beside it (.NAME.tmp-*, and
 * restores an earlier results folder left aside as .NAME.old-*), refuses a
 * @target that is a symbolic link, not a folder, or a folder that is not
 * orgsim results, and creates the empty temporary folder the results are
 * written into.  Everything that can be refused is refused here, before
 * any work. */
OsimOutdir *osim_outdir_begin (const char *target, const char *option, GError **error);
/* The temporary folder to write into, and the normalised target. */
const char *osim_outdir_tmp (const OsimOutdir *od);
const char *osim_outdir_target (const OsimOutdir *od);
/* Moves the finished temporary folder to the target, checking again (under
 * the lock) that whatever is there now is an orgsim results folder, and
 * replacing it in one atomic exchange.  Anything else found there is left
 * as it is and the results are refused. */
gboolean osim_outdir_commit (OsimOutdir *od, GError **error);
/* Removes the temporary folder unless committed, and releases the lock. */
void osim_outdir_free (OsimOutdir *od);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimOutdir, osim_outdir_free)

/* Writes @contents to @dir/@name; errors name the file. */
gboolean osim_write_file (const char *dir, const char *name, const char *contents,
                          gssize len, GError **error);
/* Writes the @n texts @parts one after the other to @dir/@name, as
 * osim_write_file writes their concatenation; @lens[i] is the length of
 * @parts[i], or -1 when it ends with a NUL. */
gboolean osim_write_file_parts (const char *dir, const char *name, const char *const *parts,
                                const gssize *lens, gsize n, GError **error);
/* Moves the finished file @from over @dest (on the same file system),
 * flushed to disk first, so that @dest is either the old file or the whole
 * new one, even after a crash; errors name @dest. */
gboolean osim_install_file (const char *from, const char *dest, GError **error);
/* Removes @path and, when it is a folder, everything in it, never
 * following a symbolic link. */
void osim_remove_tree (const char *path);

/* Reads @path when it is a regular file (not a symbolic link, FIFO or
 * device) of at most @max bytes, adding a NUL after the data.  Errors:
 * OSIM_INPUT_ERROR_SHARDS naming the file and what it is. */
gboolean osim_read_regular_file (const char *path, gsize max, char **data, gsize *len,
                                 GError **error);

G_END_DECLS
