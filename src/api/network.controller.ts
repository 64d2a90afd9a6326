import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntentService, NetworkViewService } from '../app/intent';
import { NE_DRIVER } from '../ports/ne-driver.port';
import type { NeDriver } from '../ports/ne-driver.port';
import { YANG_VALIDATOR } from '../ports/yang-validator.port';
import type { YangValidator } from '../ports/yang-validator.port';

@ApiTags('network')
@Controller('v1')
export class NetworkController {
  constructor(
    private readonly view: NetworkViewService,
    private readonly intents: IntentService,
    @Inject(NE_DRIVER) private readonly driver: NeDriver,
    @Inject(YANG_VALIDATOR) private readonly validator: YangValidator,
  ) {}

  @Get('topology')
  @ApiOperation({
    summary: 'Nodes and links with per-direction (and per-slice) capacity, reserved and free Mbit/s',
  })
  topology() {
    return this.view.topology();
  }

  @Get('policies')
  @ApiOperation({ summary: 'SR policies of every intent, as planned' })
  policies() {
    return { policies: this.view.policies() };
  }

  @Get('health')
  @ApiOperation({ summary: 'Liveness and a summary of the controller state' })
  health() {
    const status = this.driver.status();
    const byStatus: Record<string, number> = {};
    for (const i of this.intents.list()) byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
    return {
      status: 'ok',
      intents: byStatus,
      network: {
        protocol: this.driver.protocol,
        nes: status.length,
        up: status.filter((s) => s.state === 'up').length,
      },
      yang: this.validator.modules(),
    };
  }
}
