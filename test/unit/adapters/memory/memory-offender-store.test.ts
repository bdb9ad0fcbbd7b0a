import { MemoryOffenderStore } from '#adapters/memory/memory-offender-store';
import { describeOffenderStoreContract } from '#test/helpers/contracts/offender-store-contract';

describeOffenderStoreContract('MemoryOffenderStore', async () => new MemoryOffenderStore());
