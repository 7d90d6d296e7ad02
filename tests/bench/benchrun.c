/* benchrun: runs a command several times and prints its median wall time
 * and its peak memory, for tests/bench/run.sh.
 *
 *   benchrun [-n RUNS] [-p PREPARE] [-i INPUT] -- COMMAND [ARG...]
 *
 * Before each run PREPARE (if any) runs with /bin/sh -c, untimed (e.g. a
 * fresh copy of a database). COMMAND's standard output goes to /dev/null,
 * its standard input comes from INPUT (default /dev/null), its standard
 * error is kept. Prints one line:
 *
 *   median_ms min_ms max_ms max_rss_kb median_cpu_ms min_cpu_ms
 *
 * wall times from CLOCK_MONOTONIC around fork and wait4; max_rss_kb is the
 * largest ru_maxrss of the runs and cpu the user + system time (the child
 * alone, from wait4). Exits 1 when a run fails. No dependencies beyond
 * POSIX; built by run.sh with $CC. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int run_once(char **argv, const char *input, double *ms, long *rss,
		    double *cpu)
{
	struct rusage ru;
	int status;
	double t0 = now_ms();
	pid_t pid = fork();

	if (pid < 0) {
		perror("benchrun: fork");
		return -1;
	}
	if (pid == 0) {
		int in = open(input ? input : "/dev/null", O_RDONLY);
		int out = open("/dev/null", O_WRONLY);

		if (in < 0 || out < 0) {
			perror("benchrun: open");
			_exit(127);
		}
		dup2(in, STDIN_FILENO);
		dup2(out, STDOUT_FILENO);
		close(in);
		close(out);
		execvp(argv[0], argv);
		fprintf(stderr, "benchrun: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("benchrun: wait4");
			return -1;
		}
	}
	*ms = now_ms() - t0;
	*rss = ru.ru_maxrss;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "benchrun: %s: exit status %d\n", argv[0],
			WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *prepare = NULL, *input = NULL;
	int runs = 1, i, opt;
	double *ms, *cpu;
	long rss, max_rss = 0;

	while ((opt = getopt(argc, argv, "n:p:i:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'p': prepare = optarg; break;
		case 'i': input = optarg; break;
		default:
			fprintf(stderr, "usage: benchrun [-n RUNS] [-p PREPARE] [-i INPUT] -- COMMAND...\n");
			return 2;
		}
	}
	if (optind >= argc || runs < 1) {
		fprintf(stderr, "usage: benchrun [-n RUNS] [-p PREPARE] [-i INPUT] -- COMMAND...\n");
		return 2;
	}
	ms = calloc((size_t)runs, sizeof(*ms));
	cpu = calloc((size_t)runs, sizeof(*cpu));
	if (!ms || !cpu)
		return 1;
	for (i = 0; i < runs; i++) {
		if (prepare && system(prepare) != 0) {
			fprintf(stderr, "benchrun: prepare failed: %s\n", prepare);
			return 1;
		}
		if (run_once(argv + optind, input, &ms[i], &rss, &cpu[i]) != 0)
			return 1;
		if (rss > max_rss)
			max_rss = rss;
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp_double);
	qsort(cpu, (size_t)runs, sizeof(*cpu), cmp_double);
	printf("%.3f %.3f %.3f %ld %.3f %.3f\n",
	       runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2,
	       ms[0], ms[runs - 1], max_rss,
	       runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2, cpu[0]);
	free(ms);
	free(cpu);
	return 0;
}
