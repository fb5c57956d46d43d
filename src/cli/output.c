/* output.c - a report written to a temporary file beside its path and
 * renamed into place when complete (see output.h). */
/* realpath */
#define _XOPEN_SOURCE 700
#include "output.h"
#include "diag.h"
#include "i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, removed if the run is interrupted. */
static char *volatile pending_tmp;

static void on_signal(int sig) {
    char *t = pending_tmp;
    if (t) unlink(t);
    signal(sig, SIG_DFL);
    raise(sig);
}

bool output_open(Output *o, const char *path) {
    memset(o, 0, sizeof *o);
    if (!path) {
        o->f = stdout;
        return true;
    }
    /* a symbolic link is written through: its target is replaced */
    o->real = realpath(path, NULL);
    o->path = o->real ? o->real : path;
    /* a device or a pipe (-o /dev/null, a FIFO) is written to as it is:
     * replacing it with a file would take the device away */
    struct stat at;
    if (o->real && stat(o->real, &at) == 0 && !S_ISREG(at.st_mode) && !S_ISDIR(at.st_mode)) {
        if (!(o->f = fopen(o->real, "w"))) {
            diag_cli(DIAG_ERROR, "cannot write %s: %s", path, strerror(errno));
            free(o->real);
            return false;
        }
        return true;
    }
    size_t n = strlen(o->path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) {
        diag_cli(DIAG_ERROR, "out of memory");
        free(o->real);
        return false;
    }
    snprintf(o->tmp, n, "%s.tmp.XXXXXX", o->path);
    int fd = mkstemp(o->tmp);
    /* the file keeps its permissions; a new one gets the usual ones */
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = o->real && stat(o->real, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask;
    if (o->real && access(o->real, W_OK) != 0) {
        diag_cli(DIAG_ERROR, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) close(fd), unlink(o->tmp);
        free(o->tmp);
        free(o->real);
        return false;
    }
    if (fd < 0 || fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
        diag_cli(DIAG_ERROR, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) close(fd), unlink(o->tmp);
        free(o->tmp);
        free(o->real);
        return false;
    }
    pending_tmp = o->tmp;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    return true;
}

/* Keeps the output when keep, else discards it. */
bool output_close(Output *o, bool keep) {
    if (!o->path) return fflush(stdout) == 0;
    bool ok = fflush(o->f) == 0 && !ferror(o->f);
    ok = (fclose(o->f) == 0) && ok;
    if (!o->tmp) { /* a device or a pipe, written to directly */
        if (!ok) diag_cli(DIAG_ERROR, "cannot write %s: %s", o->path, strerror(errno));
        free(o->real);
        return ok;
    }
    if (keep && ok && rename(o->tmp, o->path) != 0) ok = false;
    if (!keep || !ok) unlink(o->tmp);
    if (keep && !ok) diag_cli(DIAG_ERROR, "cannot write %s: %s", o->path, strerror(errno));
    pending_tmp = NULL;
    free(o->tmp);
    free(o->real);
    return ok;
}
