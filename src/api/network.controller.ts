import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NetworkViewService } from '../app/intent';

@ApiTags('network')
@Controller('v1')
export class NetworkController {
  // `/health` and `/ready` live in health.controller.ts
  constructor(private readonly view: NetworkViewService) {}

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
}
