import { MemoryRejectionLog } from '#adapters/memory/memory-rejection-log';
import { describeRejectionLogContract } from '#test/helpers/contracts/rejection-log-contract';

describeRejectionLogContract('MemoryRejectionLog', async (clock) => new MemoryRejectionLog(clock));
