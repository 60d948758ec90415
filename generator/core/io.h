/* nb_io: whole-file reading and atomic writing.
 *
 * nb_io_write_atomic writes to a temporary file in the same directory as PATH, then renames
 * it over PATH: a reader sees the old file or the new one, never half of one, and a failure
 * (a full disk, a killed process) leaves any earlier file untouched; the temporary file is
 * removed. It does not fsync: outputs are regenerated from the data file at will, and an
 * fsync per file costs more than rendering it; ext4 and XFS write the data of a file renamed
 * over another before the rename itself.
 *
 * Ownership: data is read into and written from caller-owned buffers; nothing is kept. */
#ifndef NB_IO_H
#define NB_IO_H
#include <stddef.h>

#include "core/buf.h"

/* The words that begin the line a command prints for each output file: written, or left as it
 * was because it already held the same bytes ("已生成 out/a.html"). nianbao site reads them
 * back from the lines render produces. */
#define NB_IO_SAID_WRITTEN "已生成 "
#define NB_IO_SAID_SAME "未变化 "

/* Writes LEN bytes of DATA to PATH atomically. Returns 0, or -1 with errno set. */
int nb_io_write_atomic(const char *path, const void *data, size_t len);

/* A file written piece by piece (a summary of ten thousand reports is tens of megabytes,
 * never held whole): the bytes go to a temporary file beside PATH, which replaces PATH only
 * when complete and different. Write errors are remembered and reported by the close. */
typedef struct nb_io_out nb_io_out;

/* Opens the temporary file for PATH. NULL with errno set. The caller closes it. */
nb_io_out *nb_io_out_open(const char *path);
/* Appends the bytes of B and clears B. */
void nb_io_out_flush(nb_io_out *o, nb_buf *b);
/* Completes and frees O: returns 0 when PATH was replaced, 1 when PATH already held the same
 * bytes (left alone, its date kept), -1 with errno set (PATH untouched). The temporary file
 * never remains. */
int nb_io_out_close(nb_io_out *o);

/* Gives up: removes the temporary file and frees O; PATH is untouched. */
void nb_io_out_discard(nb_io_out *o);

/* Puts the complete file TMP in place of PATH: 0 renamed, 1 PATH already held the same bytes
 * (TMP removed), -1 with errno set (TMP removed, PATH untouched). */
int nb_io_commit(const char *tmp, const char *path);

/* Whether A and B name the same existing file (same device and inode). */
int nb_io_same_file(const char *a, const char *b);

/* Whether PATH is a regular file holding exactly LEN bytes equal to DATA (0 on any error).
 * Render uses it to leave unchanged outputs alone: their dates stay, and ext4 is spared the
 * flush that renaming over an existing file costs. */
int nb_io_same_content(const char *path, const void *data, size_t len);

typedef enum {
  NB_IO_OK, NB_IO_NOT_FOUND, NB_IO_IS_DIR, NB_IO_DENIED, NB_IO_TOO_LARGE, NB_IO_FAILED
} nb_io_status;

/* Reads PATH ("-": standard input) into OUT (appended, NUL-terminated), refusing more than
 * MAX bytes. Reading stops early on a too-large file; it never hangs on a FIFO past MAX. */
nb_io_status nb_io_read(const char *path, size_t max, nb_buf *out);

/* mkdir -p DIR. Returns 0, or -1 with errno set (ENOTDIR when DIR exists and is not a
 * folder). */
int nb_io_make_dirs(const char *dir);

/* Why writing failed (ERRNO), in Chinese for the common cases, e.g. "磁盘空间不足". */
const char *nb_io_errno_text(int errnum);

/* Chinese sentence for a status, e.g. "文件不存在". */
const char *nb_io_status_text(nb_io_status st);

#endif
