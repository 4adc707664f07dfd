package org.daqhub.processors.receive;

/**
 * Where a module lands in the assembled image: std_daq's {@code [x0, y0, x1, y1]},
 * both ends inclusive, x along the width and y along the height. An end smaller than its start
 * means the module is mirrored along that axis (Eiger's lower half-modules are mounted upside down).
 *
 * @param index the module's slot, 0 to n_modules - 1 in id order (the hub's per-module arrays)
 * @param id    std_daq's module number, the key in module_positions: its UDP port is
 *              start_udp_port + id (equal to index unless the file leaves deactivated modules out)
 */
public record ModulePosition(int index, int id, int x0, int y0, int x1, int y1) {

    public int xMin() {
        return Math.min(x0, x1);
    }

    public int xMax() {
        return Math.max(x0, x1);
    }

    public int yMin() {
        return Math.min(y0, y1);
    }

    public int yMax() {
        return Math.max(y0, y1);
    }

    public int spanWidth() {
        return xMax() - xMin() + 1;
    }

    public int spanHeight() {
        return yMax() - yMin() + 1;
    }

    public boolean mirroredX() {
        return x1 < x0;
    }

    public boolean mirroredY() {
        return y1 < y0;
    }

    boolean overlaps(ModulePosition other) {
        return xMin() <= other.xMax() && other.xMin() <= xMax() && yMin() <= other.yMax() && other.yMin() <= yMax();
    }
}
