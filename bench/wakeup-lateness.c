// How late a thread wakes from a 1 ms sleep: the machine's own stalls (scheduling, the VM's CPU),
// measured beside a bench to tell the hub's latency tail from the machine's (bench/RESULTS.md,
// event streams, session 11).
//   gcc -O2 -o /tmp/wakeup-lateness bench/wakeup-lateness.c && /tmp/wakeup-lateness 20
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 10;
    int capacity = seconds * 1100, n = 0, over10 = 0;
    long *late = malloc(capacity * sizeof(long));
    long end = now_us() + seconds * 1000000L;
    struct timespec one_ms = {0, 1000000};
    while (now_us() < end && n < capacity) {
        long t = now_us();
        nanosleep(&one_ms, NULL);
        late[n++] = now_us() - t - 1000;
    }
    qsort(late, n, sizeof(long), by_value);
    for (int i = 0; i < n; i++) {
        over10 += late[i] > 10000;
    }
    printf("%d wake-ups: late by p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; %d over 10 ms\n", n,
           late[n / 2] / 1e3, late[(int) (n * .99)] / 1e3, late[(int) (n * .999)] / 1e3, late[n - 1] / 1e3, over10);
    free(late);
    return 0;
}
