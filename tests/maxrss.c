/* maxrss FILE PROGRAM ARGS...: runs PROGRAM, its standard streams left
 * as they are, and writes the peak resident memory it used, in kB
 * (ru_maxrss from wait4), to FILE; exits with the program's exit status.
 * For the tests that hold a command's memory flat in the size of the
 * data (GNU time, which does the same, is not always installed). */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;

	FILE *out;

	if (argc < 3) {
		fputs("usage: maxrss FILE PROGRAM [ARGS...]\n", stderr);
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("maxrss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror("maxrss: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("maxrss: wait4");
		return 2;
	}
	if (!(out = fopen(argv[1], "w")) || fprintf(out, "%ld\n", ru.ru_maxrss) < 0 ||
	    fclose(out) != 0) {
		perror(argv[1]);
		return 2;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
