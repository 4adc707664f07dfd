package org.daqhub.requests;

import java.util.List;

/**
 * A transformation request as submitted ({@code POST /servicex/transformation}), checked.
 *
 * @param did      a DID ({@code local://<glob>}), or null when {@code fileList} is given
 * @param fileList paths under the data root, or null when {@code did} is given
 */
public record NewRequest(String title, String did, List<String> fileList, String columns, String selection,
        String treeName, String image, Integer workers, String resultDestination, String resultFormat) {
}
