import { createDeployment } from '../create';

export const POST = createDeployment;
