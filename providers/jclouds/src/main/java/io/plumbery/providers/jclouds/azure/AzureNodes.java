package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.ProviderException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.jclouds.azurecompute.arm.domain.DataDisk;
import org.jclouds.azurecompute.arm.domain.HardwareProfile;
import org.jclouds.azurecompute.arm.domain.IdReference;
import org.jclouds.azurecompute.arm.domain.ImageReference;
import org.jclouds.azurecompute.arm.domain.IpConfiguration;
import org.jclouds.azurecompute.arm.domain.IpConfigurationProperties;
import org.jclouds.azurecompute.arm.domain.ManagedDiskParameters;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCard;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCardProperties;
import org.jclouds.azurecompute.arm.domain.NetworkProfile;
import org.jclouds.azurecompute.arm.domain.OSDisk;
import org.jclouds.azurecompute.arm.domain.OSProfile;
import org.jclouds.azurecompute.arm.domain.StorageProfile;
import org.jclouds.azurecompute.arm.domain.VirtualMachine;
import org.jclouds.azurecompute.arm.domain.VirtualMachineInstance;
import org.jclouds.azurecompute.arm.domain.VirtualMachineInstance.PowerState;
import org.jclouds.azurecompute.arm.domain.VirtualMachineProperties;
import org.jclouds.azurecompute.arm.features.VirtualMachineApi;

/**
 * A plan's node on Azure: a NIC on its network's subnet with the network's security group, then a VM of that NIC
 * with a managed OS disk from the image, one empty managed data disk per further disk, the plan's SSH key for the
 * login user (no password) and the node's cloud-config as custom data, which cloud-init applies at first boot. Each
 * is named after the node and tagged, found before it is made, and deleted VM first, then its NIC and disks (the
 * API version jclouds 2.7.0 speaks has no "delete with the VM" for them).
 */
final class AzureNodes {

    static final String VM = "virtual-machine";
    static final String NIC = "network-interface";
    static final String DISK = "disk";
    static final String IP_CONFIGURATION = "ipconfig1";

    /** What a node is made of. */
    record Launch(String node, String size, ImageReference image, String subnetId, String securityGroupId,
                  String user, String publicKey, String userData, List<Integer> disksGb, String diskType) {
    }

    private final AzureScope scope;

    AzureNodes(AzureScope scope) {
        this.scope = scope;
    }

    static String vmName(String node) {
        return AzureNames.of(node);
    }

    static String nicName(String node) {
        return AzureNames.of(node + "-nic");
    }

    static String osDisk(String node) {
        return AzureNames.of(node + "-os");
    }

    static String dataDisk(String node, int number) {
        return AzureNames.of(node + "-disk-" + number);
    }

    VirtualMachine create(Launch launch) throws ProviderException {
        NetworkInterfaceCard nic = ensureNic(launch);
        String name = vmName(launch.node());
        List<DataDisk> disks = new ArrayList<>();
        for (int i = 0; i < launch.disksGb().size(); i++) {
            disks.add(DataDisk.builder().name(dataDisk(launch.node(), i + 1))
                    .diskSizeGB(String.valueOf(launch.disksGb().get(i))).lun(i)
                    .createOption(DataDisk.DiskCreateOptionTypes.EMPTY)
                    .managedDiskParameters(ManagedDiskParameters.create(null, launch.diskType())).build());
        }
        OSProfile.Builder os = OSProfile.builder().computerName(AzureNames.of(launch.node())).adminUsername(launch.user())
                .linuxConfiguration(OSProfile.LinuxConfiguration.create("true", OSProfile.LinuxConfiguration.SSH.create(
                        List.of(OSProfile.LinuxConfiguration.SSH.SSHPublicKey.create("/home/" + launch.user()
                                + "/.ssh/authorized_keys", launch.publicKey())))));
        if (!launch.userData().isEmpty()) {
            // Azure takes custom data base64-encoded; cloud-init reads it back as the node's cloud-config
            os.customData(Base64.getEncoder().encodeToString(launch.userData().getBytes(StandardCharsets.UTF_8)));
        }
        VirtualMachineProperties properties = VirtualMachineProperties.builder()
                .hardwareProfile(HardwareProfile.create(launch.size()))
                .storageProfile(StorageProfile.builder().imageReference(launch.image())
                        .osDisk(OSDisk.builder().osType("Linux").name(osDisk(launch.node())).createOption("FromImage")
                                .caching("ReadWrite").managedDiskParameters(ManagedDiskParameters.create(null,
                                        launch.diskType())).build())
                        .dataDisks(disks).build())
                .osProfile(os.build())
                .networkProfile(NetworkProfile.create(List.of(NetworkProfile.NetworkInterface.create(nic.id(),
                        NetworkProfile.NetworkInterface.NetworkInterfaceProperties.create(true)))))
                .build();
        scope.calls().create("making VM " + name + " (" + launch.size() + ")", () -> vms().createOrUpdate(name,
                scope.location(), properties, scope.names().tags(VM, launch.node()), null),
                () -> Optional.ofNullable(vms().get(name)).map(AzureNodes::provisioning).orElse(null));
        return find(launch.node()).orElseThrow(() -> new ProviderException(AzureProvider.NAME + ": VM " + name
                + " is not there after Azure made it", true, null));
    }

    private NetworkInterfaceCard ensureNic(Launch launch) throws ProviderException {
        String name = nicName(launch.node());
        NetworkInterfaceCard found = nic(name);
        if (found != null) {
            scope.names().claim(found.tags(), NIC, launch.node());
            return found;
        }
        NetworkInterfaceCardProperties properties = NetworkInterfaceCardProperties.builder()
                .ipConfigurations(List.of(IpConfiguration.create(IP_CONFIGURATION, null, null,
                        IpConfigurationProperties.builder().privateIPAllocationMethod("Dynamic")
                                .subnet(IdReference.create(launch.subnetId())).primary(true).build())))
                .networkSecurityGroup(IdReference.create(launch.securityGroupId())).build();
        scope.calls().create("making network interface " + name, () -> scope.api().getNetworkInterfaceCardApi(
                scope.resourceGroup()).createOrUpdate(name, scope.location(), properties,
                scope.names().tags(NIC, launch.node())), () -> Optional.ofNullable(nic(name))
                .map(n -> n.properties().provisioningState()).orElse(null));
        return Optional.ofNullable(nic(name)).orElseThrow(() -> new ProviderException(AzureProvider.NAME
                + ": network interface " + name + " is not there after Azure made it", true, null));
    }

    /** The plan's VM of this node; another's of the same name stops the build (see {@link AzureNames#claim}). */
    Optional<VirtualMachine> find(String node) throws ProviderException {
        String name = vmName(node);
        VirtualMachine vm = scope.calls().call("looking for node " + node + " (VM " + name + ")", () -> vms().get(name));
        if (vm != null) {
            scope.names().claim(vm.tags(), VM, node);
        }
        return Optional.ofNullable(vm);
    }

    NetworkInterfaceCard nic(String name) throws ProviderException {
        return scope.calls().call("looking for network interface " + name,
                () -> scope.api().getNetworkInterfaceCardApi(scope.resourceGroup()).get(name));
    }

    /** The VM's power state, {@link PowerState#UNKNOWN} when Azure says none. */
    PowerState power(String node) throws ProviderException {
        VirtualMachineInstance view = scope.calls().call("reading the state of node " + node,
                () -> vms().getInstanceDetails(vmName(node)));
        return view == null || view.powerState() == null ? PowerState.UNKNOWN : view.powerState();
    }

    void start(String node) throws ProviderException {
        scope.calls().call("starting node " + node, () -> {
            vms().start(vmName(node));
            return null;
        });
        awaitPower(node, PowerState.RUNNING, "starting");
    }

    /** Deallocates: a stopped VM that keeps its compute reserved is billed as a running one. */
    void stop(String node) throws ProviderException {
        scope.calls().call("stopping node " + node, () -> {
            vms().deallocate(vmName(node));
            return null;
        });
        awaitPower(node, PowerState.DEALLOCATED, "stopping");
    }

    private void awaitPower(String node, PowerState wanted, String doing) throws ProviderException {
        Instant deadline = Instant.now().plus(scope.calls().waitTimeout());
        for (int poll = 1; ; poll++) {
            PowerState now = power(node);
            if (now == wanted) {
                return;
            }
            scope.calls().pauseUntil(doing + " node " + node, deadline, poll, "power state still " + now);
        }
    }

    /** The VM, then its NIC, OS disk and data disks; each waited on, what is gone already skipped. */
    void delete(String node, int dataDisks) throws ProviderException {
        String name = vmName(node);
        Optional<VirtualMachine> vm = find(node);
        if (vm.isPresent()) {
            scope.calls().deleteAndWait("deleting VM " + name, () -> vms().delete(name));
        }
        String nic = nicName(node);
        NetworkInterfaceCard card = nic(nic);
        if (card != null && scope.names().marks(card.tags(), NIC, node)) {
            scope.calls().deleteAndWait("deleting network interface " + nic, () -> scope.api()
                    .getNetworkInterfaceCardApi(scope.resourceGroup()).delete(nic));
        }
        List<String> disks = new ArrayList<>(List.of(osDisk(node)));
        vm.map(v -> v.properties().storageProfile()).map(StorageProfile::dataDisks).ifPresentOrElse(
                found -> found.forEach(d -> disks.add(d.name())),
                () -> IntStream.rangeClosed(1, dataDisks).forEach(i -> disks.add(dataDisk(node, i))));
        for (String disk : disks) {
            scope.calls().deleteAndWait("deleting managed disk " + disk, () -> scope.api()
                    .getDiskApi(scope.resourceGroup()).delete(disk));
        }
    }

    static String provisioning(VirtualMachine vm) {
        VirtualMachineProperties.ProvisioningState state = vm.properties() == null ? null
                : vm.properties().provisioningState();
        return state == null ? "Succeeded" : state.name();
    }

    private VirtualMachineApi vms() {
        return scope.api().getVirtualMachineApi(scope.resourceGroup());
    }
}
