package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.Optional;

/** {@code provider: aws-ec2}: Amazon EC2 with its own network model; see {@link Ec2Provider}, {@link Ec2Settings}. */
public final class Ec2ProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return Ec2Provider.NAME;
    }

    @Override
    public String description() {
        return "Amazon EC2: a VPC and subnet per network, security groups, Elastic IPs (credentials as AWS's tools "
                + "find them)";
    }

    /** A subnet the account has, named by id or by its Name tag; used as it is and never deleted. */
    @Override
    public boolean existingNetworks() {
        return true;
    }

    /** The one plan-time check the SPI offers: a subnet EC2 cannot make is refused where the plan writes it. */
    @Override
    public Optional<String> publicAddressesRefused(String subnet) {
        return Ec2Checks.subnet(subnet);
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        return Ec2Provider.open(settings, System::getenv, Path.of(System.getProperty("user.home")));
    }
}
